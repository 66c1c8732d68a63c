using Qingyun.Domain.People;

namespace Qingyun.Features.People;

/// <summary>The person form's fields, bound as "Input.*" on the create and edit pages.</summary>
public sealed class PersonForm
{
    public Guid? UnitId { get; set; }
    public string? Name { get; set; }
    public string? IdNumber { get; set; }
    public string? Phone { get; set; }
    public string? Ethnicity { get; set; }
    public PoliticalStatus PoliticalStatus { get; set; } = PoliticalStatus.Masses;
    public Education? Education { get; set; }
    public string? Workplace { get; set; }
    public string? Address { get; set; }

    public PersonInput ToInput() => new(UnitId, Name, IdNumber, Phone, Ethnicity, PoliticalStatus, Education, Workplace, Address);
}
