using System.Net;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Building;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.SocialOrgs;

/// <summary>Organizations for the registry tests: valid credit codes, API bodies, the self-registration form.</summary>
public static class RegistryKit
{
    /// <summary>A checksum-valid credit code of a civil-affairs registered organization, distinct per number.</summary>
    public static string Code(int n)
    {
        var first17 = $"52990106MA{n:D7}";
        return first17 + CreditCode.CheckCharFor(first17);
    }

    public static object Org(Guid unitId, string? code, string name = "青禾志愿服务中心", string legalStatus = "Registered", int? members = 40, int? young = 30,
        string? phone = "13912345678", string field = "Volunteer", string? foundedOn = "2019-05-04", Guid? leagueUnitId = null, bool hasLeagueBranch = false,
        string contactName = "李青") =>
        new
        {
            unitId, name, legalStatus, field, creditCode = code, summary = "关爱青少年成长", address = "青云路 8 号", foundedOn, contactName, contactPhone = phone,
            memberCount = members, youngMemberCount = young, hasLeagueBranch, hasPartyBranch = false, leagueUnitId,
        };

    public static async Task<Guid> IdOf(HttpResponseMessage created)
    {
        Assert.True(created.StatusCode == HttpStatusCode.Created, $"{(int)created.StatusCode}: {await created.Content.ReadAsStringAsync()}");
        return (await created.ReadJsonAsync()).GetProperty("id").GetGuid();
    }

    /// <summary>The public form as a browser posts it.</summary>
    public static Dictionary<string, string?> RegisterForm(string unitCode, string userName, string name = "晨光青年读书会", string legalStatus = "Informal",
        string? code = null, string members = "25", string young = "20", string phone = "13712345678") => new()
    {
        ["Unit"] = unitCode, ["Input.Name"] = name, ["Input.Field"] = "Culture", ["Input.LegalStatus"] = legalStatus, ["Input.CreditCode"] = code,
        ["Input.Summary"] = "每月一次青年读书分享", ["Input.ContactName"] = "周晨", ["Input.ContactPhone"] = phone,
        ["Input.MemberCount"] = members, ["Input.YoungMemberCount"] = young, ["UserName"] = userName, ["Password"] = QingyunApp.Password,
    };

    /// <summary>Registers through the public page; the returned client is signed in as the organization.</summary>
    public static async Task<(PageClient Client, HttpResponseMessage Response)> RegisterAsync(QingyunApp app, Dictionary<string, string?> form)
    {
        var client = app.Anonymous();
        var response = await client.PostFormAsync($"/social-orgs/register?unit={Uri.EscapeDataString(form["Unit"]!)}", form, "/social-orgs/register");
        return (client, response);
    }

    public static Task<Guid> UserIdAsync(QingyunApp app, string userName) => app.AsSystemAsync(async (sp, _) =>
        (await sp.GetRequiredService<UserManager<AppUser>>().FindByNameAsync(userName))!.Id);
}
