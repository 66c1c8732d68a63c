using Qingyun.Domain.SocialOrgs;

namespace Qingyun.Features.SocialOrgs.Library;

/// <summary>The project form, shared by the new-project and edit pages.</summary>
public sealed class ProjectInput
{
    public Guid? UnitId { get; set; }
    public Guid? OrganizationId { get; set; }
    public string? Title { get; set; }
    public OrgField? Field { get; set; }
    public string? Goals { get; set; }
    public decimal? Budget { get; set; }
    public DateOnly? StartOn { get; set; }
    public DateOnly? EndOn { get; set; }
    public string? Outcome { get; set; }

    public SaveProject.Command ToCommand() => new(UnitId, OrganizationId, Title, Field, Goals, Budget, StartOn, EndOn, Outcome);

    public static ProjectInput Of(LibraryProject p) => new()
    {
        UnitId = p.UnitId, OrganizationId = p.OrganizationId, Title = p.Title, Field = p.Field, Goals = p.Goals, Budget = p.Budget,
        StartOn = p.StartOn, EndOn = p.EndOn, Outcome = p.Outcome,
    };
}

/// <summary>The case form, shared by the new-case and edit pages.</summary>
public sealed class CaseInput
{
    public Guid? UnitId { get; set; }
    public string? Title { get; set; }
    public OrgField? Field { get; set; }
    public string? Summary { get; set; }
    public string? Body { get; set; }
    public string? Tags { get; set; }
    public DateOnly? WrittenOn { get; set; }
    public Guid? OrganizationId { get; set; }
    public Guid? ProjectId { get; set; }

    public SaveCase.Command ToCommand() => new(UnitId, Title, Field, Summary, Body, Tags, WrittenOn, OrganizationId, ProjectId);

    public static CaseInput Of(LibraryCase c) => new()
    {
        UnitId = c.UnitId, Title = c.Title, Field = c.Field, Summary = c.Summary, Body = c.Body, Tags = c.Tags, WrittenOn = c.WrittenOn,
        OrganizationId = c.OrganizationId, ProjectId = c.ProjectId,
    };
}
