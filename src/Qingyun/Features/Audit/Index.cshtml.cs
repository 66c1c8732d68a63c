using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Qingyun.Domain.Access;
using Qingyun.Domain.Audit;
using Qingyun.Security;

namespace Qingyun.Features.Audit;

[RequirePermission(Permission.AuditRead)]
public sealed class IndexModel(SearchAudit search) : PageModel
{
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }
    [BindProperty(SupportsGet = true)] public new string? User { get; set; }
    [BindProperty(SupportsGet = true)] public AuditAction? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? EntityType { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? UnitId { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Before { get; set; }

    public AuditPage? Results { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var r = await search.Handle(new AuditQuery(From, To, User, Action, EntityType, UnitId, Before), ct);
        if (!r.Ok)
        {
            return NotFound();
        }
        Results = r.Value;
        return base.Page();
    }

    public static readonly string[] EntityTypes = ["OrgUnit", "OrgUnitEvent", "Person", "Membership", "MembershipEvent", "CadreTerm", "CadreTraining", "Recruit", "RecruitStep", "RecruitClass", "Transfer", "ReviewRound", "ReviewEntry", "Recommendation", "Document", "NewOrganization", "NewOrganizationEvent", "IndicatorTarget", "ReportedIndicator", "IndicatorReport", "AssessmentItem", "AppUser", "Grant", "ApiToken", "Account"];

    /// <summary>The changes JSON as (property, before, after) lines for people to read.</summary>
    public static IEnumerable<(string Property, string? Before, string? After)> ChangesOf(string? json)
    {
        if (string.IsNullOrEmpty(json))
        {
            yield break;
        }
        using var doc = System.Text.Json.JsonDocument.Parse(json);
        if (doc.RootElement.ValueKind != System.Text.Json.JsonValueKind.Object)
        {
            yield break;
        }
        foreach (var p in doc.RootElement.EnumerateObject())
        {
            if (p.Value.ValueKind == System.Text.Json.JsonValueKind.Array && p.Value.GetArrayLength() == 2)
            {
                yield return (p.Name, Text(p.Value[0]), Text(p.Value[1]));
            }
            else
            {
                yield return (p.Name, null, Text(p.Value));
            }
        }
    }

    private static string? Text(System.Text.Json.JsonElement e) => e.ValueKind switch
    {
        System.Text.Json.JsonValueKind.Null => null,
        System.Text.Json.JsonValueKind.String => e.GetString(),
        _ => e.GetRawText(),
    };

    public string NextLink(Guid next) => QueryString.Create(new Dictionary<string, string?>
    {
        ["From"] = From?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["To"] = To?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
        ["User"] = User, ["Action"] = Action?.ToString(), ["EntityType"] = EntityType,
        ["UnitId"] = UnitId?.ToString(), ["Before"] = next.ToString(),
    }).Value is { } qs ? "/audit" + qs : "/audit";
}
