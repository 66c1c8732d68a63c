using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.SocialOrgs.Ventures;

/// <summary>公益创投: the rounds of units in scope; League admins draft a new one.</summary>
[RequirePermission(Permission.SocialOrgsRead)]
public sealed class RoundsModel(AppDbContext db, RoundReader reader, BrowseUnits units, IStringLocalizer<SharedResource> t) : PageModel
{
    [BindProperty(SupportsGet = true)] public int? Year { get; set; }
    [BindProperty(SupportsGet = true)] public RoundStatus? Status { get; set; }
    [BindProperty] public RoundInput Input { get; set; } = new();

    public IReadOnlyList<VentureRound> Rounds { get; private set; } = [];
    public Dictionary<Guid, string> UnitNames { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public IReadOnlyList<(Guid Id, string Name)> Schemes { get; private set; } = [];
    public bool CanCreate => db.Scope.Has(Permission.SocialOrgsManage);

    public sealed class RoundInput
    {
        public Guid? UnitId { get; set; }
        public string? Title { get; set; }
        public int? Year { get; set; }
        public string? Description { get; set; }
        public decimal? Budget { get; set; }
        public decimal? MaxGrant { get; set; }
        public DateOnly? ApplyFrom { get; set; }
        public DateOnly? ApplyUntil { get; set; }
        public Guid? SchemeId { get; set; }
    }

    public async Task OnGetAsync(CancellationToken ct)
    {
        Rounds = await reader.ListAsync(Year, Status, ct);
        var ids = Rounds.Select(r => r.UnitId).Distinct().ToList();
        UnitNames = await db.OrgUnits.Where(u => ids.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        if (CanCreate)
        {
            Units = await units.PickWithAsync(null, Permission.SocialOrgsManage, Input.UnitId, ct);
            Schemes = (await db.EvaluationSchemes.Where(s => s.Status == SchemeStatus.Published).OrderBy(s => s.Name).ThenByDescending(s => s.Version)
                .Select(s => new { s.Id, s.Name, s.Version }).Take(200).ToListAsync(ct)).Select(s => (s.Id, $"{s.Name} v{s.Version}")).ToList();
        }
    }

    public async Task<IActionResult> OnPostAsync([FromServices] CreateRound create, CancellationToken ct)
    {
        var i = Input;
        var r = await create.RunAsync(new CreateRound.Command(i.UnitId, i.Title, i.Year, i.Description, i.Budget, i.MaxGrant, i.ApplyFrom, i.ApplyUntil, i.SchemeId), ct);
        if (r.Ok)
        {
            TempData["Flash"] = t["Ventures.RoundCreated"].Value;
            return Redirect($"/social-orgs/rounds/{r.Value!.Id}");
        }
        await OnGetAsync(ct);
        this.ShowFailures(r.Failures, t);
        return Page();
    }
}
