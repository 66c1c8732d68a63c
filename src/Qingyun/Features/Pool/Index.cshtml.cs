using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Features.Organization;
using Qingyun.Infrastructure;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Pool;

/// <summary>The pool page: the teachers and topics of units in scope, those the units above share, and forms to add.</summary>
[RequirePermission(Permission.ServiceRead)]
public sealed class IndexModel(AppDbContext db, PoolDesk desk, BrowseUnits browseUnits, IStringLocalizer<SharedResource> t) : PageModel
{
    public sealed class TeacherForm
    {
        public Guid? UnitId { get; set; }
        public string? Name { get; set; }
        public TeacherSource Source { get; set; } = TeacherSource.Institution;
        public string? Institution { get; set; }
        public string? Expertise { get; set; }
        public string? Phone { get; set; }
        public bool ClearPhone { get; set; }

        public PoolDesk.TeacherCommand ToCommand() => new(UnitId, Name, Source, Institution, Expertise, Phone, ClearPhone);
    }

    public sealed class TopicForm
    {
        public Guid? UnitId { get; set; }
        public string? Title { get; set; }
        public string? Description { get; set; }
        public int? DurationMinutes { get; set; } = 90;
        public Guid? CategoryId { get; set; }
        public Guid? TeacherId { get; set; }

        public PoolDesk.TopicCommand ToCommand() => new(UnitId, Title, Description, DurationMinutes, CategoryId, TeacherId);
    }

    [BindProperty(SupportsGet = true)] public string? UnitQ { get; set; }
    [BindProperty(SupportsGet = true)] public bool Archived { get; set; }
    [BindProperty] public TeacherForm Teacher { get; set; } = new();
    [BindProperty] public TopicForm Topic { get; set; } = new();

    public IReadOnlyList<Teacher> Teachers { get; private set; } = [];
    public IReadOnlyList<Topic> Topics { get; private set; } = [];
    /// <summary>Teachers and topics of the units above the reader's, offered to them but not theirs to change.</summary>
    public HashSet<Guid> Inherited { get; private set; } = [];
    public Dictionary<Guid, string> UnitNames { get; private set; } = [];
    public Dictionary<Guid, string> Categories { get; private set; } = [];
    public IReadOnlyList<UnitRow> Units { get; private set; } = [];
    public bool CanManage { get; private set; }

    public async Task OnGetAsync(CancellationToken ct)
    {
        var teachers = await db.Teachers.AsNoTracking().Where(x => Archived || x.ArchivedAt == null).OrderBy(x => x.Name).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
        var topics = await db.Topics.AsNoTracking().Where(x => Archived || x.ArchivedAt == null).OrderBy(x => x.Title).ThenBy(x => x.Id).Take(500).ToListAsync(ct);
        // What the units above share with the reader's units: read past the scope, restricted to those units' ancestors.
        foreach (var grant in db.Scope.Grants.Select(g => g.UnitId).Distinct())
        {
            var choices = await PoolChoices.ForUnitAsync(db, grant, ct);
            foreach (var x in choices.Teachers.Where(x => teachers.All(y => y.Id != x.Id)))
            {
                teachers.Add(x);
                Inherited.Add(x.Id);
            }
            foreach (var x in choices.Topics.Where(x => topics.All(y => y.Id != x.Id)))
            {
                topics.Add(x);
                Inherited.Add(x.Id);
            }
        }
        Teachers = teachers;
        Topics = topics;
        var unitIds = teachers.Where(x => !Inherited.Contains(x.Id)).Select(x => x.UnitId)
            .Concat(topics.Where(x => !Inherited.Contains(x.Id)).Select(x => x.UnitId)).Distinct().ToList();
        UnitNames = await db.OrgUnits.AsNoTracking().Where(u => unitIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.Name, ct);
        Categories = await db.ActivityCategories.AsNoTracking().Where(c => c.ArchivedAt == null).OrderBy(c => c.SortOrder)
            .ToDictionaryAsync(c => c.Id, c => System.Globalization.CultureInfo.CurrentUICulture.Name.StartsWith("en", StringComparison.Ordinal) ? c.NameEn : c.Name, ct);
        CanManage = db.Scope.Has(Permission.ServiceManage);
        Units = CanManage ? await browseUnits.PickWithAsync(UnitQ, Permission.ServiceManage, Teacher.UnitId ?? Topic.UnitId, ct) : [];
    }

    public async Task<IActionResult> OnPostTeacherAsync(CancellationToken ct)
    {
        var r = await desk.CreateTeacherAsync(Teacher.ToCommand(), ct);
        return r.Ok ? Saved() : await Failed(r.Failures, "Teacher", ct);
    }

    public async Task<IActionResult> OnPostTopicAsync(CancellationToken ct)
    {
        var r = await desk.CreateTopicAsync(Topic.ToCommand(), ct);
        return r.Ok ? Saved() : await Failed(r.Failures, "Topic", ct);
    }

    private IActionResult Saved()
    {
        TempData["Flash"] = t["Common.Saved"].Value;
        return Redirect("/hubs/pool");
    }

    private async Task<IActionResult> Failed(IReadOnlyList<Domain.Failure> failures, string prefix, CancellationToken ct)
    {
        if (this.Denied(failures) is { } denied)
        {
            return denied;
        }
        await OnGetAsync(ct);
        this.ShowFailures(failures, t, prefix);
        return Page();
    }
}
