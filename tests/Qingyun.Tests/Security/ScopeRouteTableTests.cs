using System.Net;
using System.Text.Json;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Security;

/// <summary>
/// Walks the app's own route table — every minimal-API endpoint and every Razor page handler — and
/// proves that an admin of community A can neither read nor change anything of sibling community B,
/// nor of the street, district and province above A. A new endpoint is covered the day it is added.
/// </summary>
public abstract class ScopeRouteTableTests(QingyunApp app)
{
    /// <summary>The only routes anyone may open without signing in. Adding one here is a decision.</summary>
    private static readonly HashSet<string> Anonymous =
    [
        "account/login", "account/logout", "error/{status:int?}", "culture/{name}", "healthz",
        "openapi/{documentName}.json", "api/docs/{documentName?}", "api/docs",
        // The API reference page's own script and icon, served from the Scalar package.
        "api/docs/scalar.js", "api/docs/scalar.aspnetcore.js", "api/docs/favicon.svg",
        // A volunteer service certificate's public check, which its QR code opens for a school or an employer:
        // only the certificate's own facts, the holder's name masked, by an unguessable 16-character number.
        "verify/{number}", "api/v1/certificates/verify/{number}",
        // Volunteer self-registration from a phone: a new account is made here (decision 010).
        "serve/register", "api/v1/volunteers/register",
        // A hub's public page: its address, hours, manager's work contact and coming published activities (decision 011).
        "h/{code}", "api/v1/public/hubs/{code}",
        // A youth social organization registering itself with a League unit, named by the unit's code (decision 013):
        // it creates the organization's account (no grants) and a pending record the unit reviews; nothing is read back.
        "social-orgs/register",
    ];

    private sealed record Probe(string Method, string Pattern, string? Handler);

    private List<Probe> Probes()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var probes = new List<Probe>();
        foreach (var endpoint in sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>())
        {
            var pattern = endpoint.RoutePattern.RawText?.TrimStart('/') ?? "";
            var page = endpoint.Metadata.GetMetadata<CompiledPageActionDescriptor>();
            if (page is not null)
            {
                foreach (var h in page.HandlerMethods)
                {
                    probes.Add(new Probe(h.HttpMethod.ToUpperInvariant(), pattern, h.Name));
                }
                if (page.HandlerMethods.Count == 0)
                {
                    probes.Add(new Probe("GET", pattern, null));
                }
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            probes.AddRange(methods.Select(m => new Probe(m, pattern, null)));
        }
        return probes.Distinct().ToList();
    }

    [Fact]
    public void EveryEndpointRequiresSignInUnlessDeliberatelyAnonymous()
    {
        var sources = app.Services.GetRequiredService<IEnumerable<EndpointDataSource>>();
        var open = sources.SelectMany(s => s.Endpoints).OfType<RouteEndpoint>()
            .Where(e => e.Metadata.GetMetadata<IAllowAnonymous>() is not null || e.Metadata.GetMetadata<IAuthorizeData>() is null)
            .Select(e => e.RoutePattern.RawText?.TrimStart('/') ?? "")
            .Where(p => !Anonymous.Contains(p))
            .Distinct()
            .ToList();
        Assert.True(open.Count == 0, "Endpoints open without sign-in: " + string.Join(", ", open));
    }

    [Fact]
    public async Task SignedOutCallers_AreSentToLoginOrGet401_Everywhere()
    {
        var anonymous = app.Anonymous();
        foreach (var probe in Probes().Where(p => !Anonymous.Contains(p.Pattern) && p.Method == "GET"))
        {
            var url = Url(probe, app.World.CommunityA.Id);
            var response = await anonymous.Http.GetAsync(url);
            var ok = probe.Pattern.StartsWith("api/", StringComparison.Ordinal)
                ? response.StatusCode == HttpStatusCode.Unauthorized
                : response.StatusCode == HttpStatusCode.Redirect && response.Headers.Location!.ToString().Contains("/account/login", StringComparison.Ordinal);
            Assert.True(ok, $"{probe.Method} {url} answered {(int)response.StatusCode} to a signed-out caller");
        }
    }

    [Fact]
    public async Task AdminOfCommunityA_CanNeitherSeeNorChangeB_NorAnythingAboveA()
    {
        var world = app.World;
        var pages = await app.PagesAsAsync(World.AdminA);
        var api = await app.ApiAsAsync(World.AdminA);
        var token = await pages.TokenAsync("/");
        var foreignIds = new[] { world.CommunityB.Id, world.PersonB.Id, world.AdminBUserId, world.Street.Id, world.District.Id, world.Province.Id };
        var before = await SnapshotAsync();
        var checkedRequests = 0;

        foreach (var probe in Probes().Where(p => !Anonymous.Contains(p.Pattern)))
        {
            var routeHasId = RoutePatternFactory.Parse(probe.Pattern).Parameters.Any(p => p.ParameterPolicies.Any(pp => pp.Content == "guid"));
            foreach (var foreign in routeHasId ? foreignIds : foreignIds.Take(1))
            {
                var url = Url(probe, foreign);
                var isApi = probe.Pattern.StartsWith("api/", StringComparison.Ordinal);
                HttpResponseMessage response;
                if (isApi)
                {
                    var body = JsonSerializer.Serialize(new
                    {
                        parentId = foreign, unitId = foreign, newParentId = foreign, code = "X-" + checkedRequests, name = "越权测试", kind = "Community",
                        bodyType = "Branch", idNumber = "110105199003070033", field = "IdNumber", politicalStatus = "Masses",
                    });
                    using var request = new HttpRequestMessage(new HttpMethod(probe.Method), url)
                    {
                        Content = probe.Method == "GET" ? null : new StringContent(body, System.Text.Encoding.UTF8, "application/json"),
                    };
                    response = await api.SendAsync(request);
                }
                else
                {
                    using var request = new HttpRequestMessage(new HttpMethod(probe.Method), url);
                    if (probe.Method != "GET")
                    {
                        request.Content = new FormUrlEncodedContent(new Dictionary<string, string>
                        {
                            ["__RequestVerificationToken"] = token,
                            ["Input.ParentId"] = foreign.ToString(), ["Input.UnitId"] = foreign.ToString(), ["NewParentId"] = foreign.ToString(),
                            ["UnitId"] = foreign.ToString(), ["grantId"] = foreign.ToString(), ["Input.Code"] = "Y-" + checkedRequests,
                            ["Input.Name"] = "越权测试", ["Input.UserName"] = "intruder" + checkedRequests, ["Input.DisplayName"] = "越权",
                            ["Input.IdNumber"] = "110105199003070033", ["Input.Role"] = "LeagueAdmin", ["Role"] = "LeagueAdmin", ["field"] = "IdNumber",
                        });
                    }
                    response = await pages.Http.SendAsync(request);
                }
                checkedRequests++;
                var status = (int)response.StatusCode;
                var text = await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, $"{probe.Method} {url} failed with {status}");
                if (routeHasId)
                {
                    Assert.True(status is 403 or 404 || (status == 302 && probe.Method == "GET" && !IsEntityRoute(probe.Pattern)),
                        $"{probe.Method} {url} with a foreign id answered {status}");
                }
                foreach (var marker in world.ForeignMarkers)
                {
                    Assert.False(text.Contains(marker, StringComparison.Ordinal), $"{probe.Method} {url} leaked “{marker}”");
                }
            }
        }

        Assert.True(checkedRequests > 40, $"only {checkedRequests} requests were checked: is the route table being read?");
        Assert.Equal(before, await SnapshotAsync());
    }

    private static bool IsEntityRoute(string pattern) => pattern.Contains("{id", StringComparison.Ordinal);

    private static string Url(Probe probe, Guid id)
    {
        var path = "/" + System.Text.RegularExpressions.Regex.Replace(probe.Pattern, @"\{(\w+)(:[^}]*)?\??\}", m => m.Groups[2].Value.Contains("guid", StringComparison.Ordinal) ? id.ToString() : m.Groups[1].Value == "status" ? "404" : "v1");
        var query = new List<string> { $"parentId={id}", $"unitId={id}" };
        if (probe.Handler is not null)
        {
            query.Add("handler=" + probe.Handler);
        }
        return path + "?" + string.Join("&", query);
    }

    /// <summary>Everything of B and above A, read as the system: any change is a scope breach.</summary>
    private Task<string> SnapshotAsync() => app.AsSystemAsync(async (_, db) =>
    {
        var w = app.World;
        var units = await db.OrgUnits.AsNoTracking().OrderBy(u => u.Code)
            .Select(u => new { u.Id, u.Code, u.Name, u.ParentId, u.Path, u.ClosedAt, u.Kind, u.BodyType }).ToListAsync();
        var outsideA = units.Where(u => !u.Path.StartsWith(w.CommunityA.Path, StringComparison.Ordinal)).ToList();
        var bIds = units.Where(u => u.Path.StartsWith(w.CommunityB.Path, StringComparison.Ordinal)).Select(u => u.Id).ToList();
        var people = await db.People.AsNoTracking().Where(p => bIds.Contains(p.UnitId)).OrderBy(p => p.Id)
            .Select(p => new { p.Id, p.Name, p.UnitId, p.IdNumberIndex, p.PhoneIndex, p.UpdatedAt }).ToListAsync();
        var users = await db.Users.AsNoTracking().Where(u => u.HomeUnitId == w.CommunityB.Id).OrderBy(u => u.Id)
            .Select(u => new { u.Id, u.PasswordHash, u.SecurityStamp, u.LockoutEnd, u.MustChangePassword }).ToListAsync();
        var grants = await db.Grants.AsNoTracking().OrderBy(g => g.Id)
            .Where(g => g.UnitId != w.CommunityA.Id && g.UnitId != w.BranchA1.Id)
            .Select(g => new { g.Id, g.UserId, g.UnitId, g.Role, g.RevokedAt }).ToListAsync();
        var reveals = await db.AuditEntries.AsNoTracking().CountAsync(a => a.EntityId == w.PersonB.Id.ToString());
        return JsonSerializer.Serialize(new { outsideA, people, users, grants, reveals });
    });
}

public sealed class ScopeRouteTableOnSqlite(SqliteApp app) : ScopeRouteTableTests(app), IClassFixture<SqliteApp>;

public sealed class ScopeRouteTableOnPostgres(PostgresApp app) : ScopeRouteTableTests(app), IClassFixture<PostgresApp>;
