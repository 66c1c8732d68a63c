using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Data.Configurations;

public sealed class BeneficiaryCategoryConfiguration : IEntityTypeConfiguration<BeneficiaryCategory>
{
    public void Configure(EntityTypeBuilder<BeneficiaryCategory> builder)
    {
        builder.Property(c => c.Code).HasMaxLength(40).IsRequired();
        builder.Property(c => c.NameZh).HasMaxLength(BeneficiaryCategory.NameMaxLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(BeneficiaryCategory.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.Code).IsUnique();
        builder.HasIndex(c => c.NameZh).IsUnique();
        builder.HasData(BeneficiaryCategory.Defaults.Select((d, i) => new BeneficiaryCategory
        {
            Id = Guid.Parse($"0197b000-0000-7000-8000-{i + 1:x12}"), Code = d.Code, NameZh = d.Zh, NameEn = d.En, SortOrder = (i + 1) * 10,
        }));
    }
}

public sealed class AssistanceCaseConfiguration : IEntityTypeConfiguration<AssistanceCase>
{
    public void Configure(EntityTypeBuilder<AssistanceCase> builder)
    {
        builder.Property(c => c.Programme).HasConversion<int>();
        builder.Property(c => c.Needs).HasConversion<int>();
        builder.Property(c => c.Status).HasConversion<int>();
        builder.Property(c => c.Categories).HasMaxLength(400).IsRequired();
        builder.Property(c => c.NeedsNote).HasMaxLength(AssistanceCase.NoteMaxLength);
        builder.Property(c => c.IntakeNote).HasMaxLength(AssistanceCase.NoteMaxLength);
        builder.Property(c => c.StatusNote).HasMaxLength(AssistanceCase.NoteMaxLength);
        builder.Property(c => c.ConsentBy).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(c => c.ConsentRelation).HasMaxLength(AssistanceCase.ShortMaxLength);
        builder.Property(c => c.OwnerName).HasMaxLength(256).IsRequired();
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.UnitId, c.Status });
        builder.HasIndex(c => c.PersonId);
        builder.HasIndex(c => c.OwnerUserId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CasePairingConfiguration : IEntityTypeConfiguration<CasePairing>
{
    public void Configure(EntityTypeBuilder<CasePairing> builder)
    {
        builder.Property(p => p.EndNote).HasMaxLength(AssistanceCase.NoteMaxLength);
        builder.Property(p => p.ByUserName).HasMaxLength(256);
        // One live pairing per case, kept by the database under any race.
        builder.HasIndex(p => p.CaseId).IsUnique().HasFilter("\"EndedOn\" IS NULL").HasDatabaseName("IX_CasePairings_OneLivePerCase");
        builder.HasIndex(p => new { p.CaseId, p.StartedOn });
        builder.HasIndex(p => p.VolunteerId);
        builder.HasOne<AssistanceCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(p => p.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VolunteerTeam>().WithMany().HasForeignKey(p => p.TeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CaseAccessConfiguration : IEntityTypeConfiguration<CaseAccess>
{
    public void Configure(EntityTypeBuilder<CaseAccess> builder)
    {
        builder.HasKey(a => new { a.CaseId, a.PersonId });
        builder.HasIndex(a => a.PersonId);
        builder.HasOne<AssistanceCase>().WithMany().HasForeignKey(a => a.CaseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(a => a.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CasePlanConfiguration : IEntityTypeConfiguration<CasePlan>
{
    public void Configure(EntityTypeBuilder<CasePlan> builder)
    {
        builder.Property(p => p.State).HasConversion<int>();
        builder.Property(p => p.Resources).HasMaxLength(CasePlan.TextMaxLength);
        builder.Property(p => p.Measures).HasMaxLength(CasePlan.TextMaxLength);
        builder.Property(p => p.ReturnNote).HasMaxLength(AssistanceCase.NoteMaxLength);
        builder.Property(p => p.ApprovedBy).HasMaxLength(256);
        builder.OwnsMany(p => p.Goals, g => g.ToJson());
        builder.HasIndex(p => new { p.CaseId, p.StartsOn }).IsUnique();
        builder.HasOne<AssistanceCase>().WithMany().HasForeignKey(p => p.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CaseVisitConfiguration : IEntityTypeConfiguration<CaseVisit>
{
    public void Configure(EntityTypeBuilder<CaseVisit> builder)
    {
        builder.Property(v => v.Form).HasConversion<int>();
        builder.Property(v => v.Done).HasMaxLength(CaseVisit.TextMaxLength).IsRequired();
        builder.Property(v => v.Situation).HasMaxLength(CaseVisit.TextMaxLength);
        builder.Property(v => v.FollowUp).HasMaxLength(CaseVisit.TextMaxLength);
        builder.Property(v => v.ResourcesGiven).HasMaxLength(CaseVisit.TextMaxLength);
        builder.Property(v => v.MoneyGiven).HasPrecision(12, 2);
        builder.Property(v => v.ByName).HasMaxLength(256).IsRequired();
        builder.HasIndex(v => new { v.CaseId, v.VisitedOn });
        builder.HasIndex(v => new { v.UnitId, v.VisitedOn });
        builder.HasOne<AssistanceCase>().WithMany().HasForeignKey(v => v.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CaseSupportConfiguration : IEntityTypeConfiguration<CaseSupport>
{
    public void Configure(EntityTypeBuilder<CaseSupport> builder)
    {
        builder.Property(s => s.Kind).HasConversion<int>();
        builder.Property(s => s.State).HasConversion<int>();
        builder.Property(s => s.Name).HasMaxLength(CaseSupport.NameMaxLength).IsRequired();
        builder.Property(s => s.Sponsor).HasMaxLength(CaseSupport.NameMaxLength).IsRequired();
        builder.Property(s => s.Items).HasMaxLength(CaseSupport.NoteMaxLength);
        builder.Property(s => s.DecisionNote).HasMaxLength(CaseSupport.NoteMaxLength);
        builder.Property(s => s.PaymentReference).HasMaxLength(CaseSupport.NameMaxLength);
        builder.Property(s => s.DecidedBy).HasMaxLength(256);
        builder.Property(s => s.ByUserName).HasMaxLength(256);
        builder.Property(s => s.Amount).HasPrecision(12, 2);
        builder.Property(s => s.DeliveredAmount).HasPrecision(12, 2);
        builder.HasIndex(s => new { s.CaseId, s.AppliedOn });
        builder.HasIndex(s => new { s.UnitId, s.AppliedOn });
        builder.HasOne<AssistanceCase>().WithMany().HasForeignKey(s => s.CaseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DirectBindingConfiguration : IEntityTypeConfiguration<DirectBinding>
{
    public void Configure(EntityTypeBuilder<DirectBinding> builder)
    {
        builder.Property(b => b.EndNote).HasMaxLength(DirectContact.NoteMaxLength);
        builder.Property(b => b.ByUserName).HasMaxLength(256);
        // One cadre per level for a young person, kept by the database under any race.
        builder.HasIndex(b => new { b.YouthPersonId, b.Level }).IsUnique().HasFilter("\"EndedOn\" IS NULL")
            .HasDatabaseName("IX_DirectBindings_OnePerLevel");
        builder.HasIndex(b => new { b.CadreTermId, b.EndedOn });
        builder.HasIndex(b => new { b.UnitId, b.EndedOn });
        builder.HasOne<CadreTerm>().WithMany().HasForeignKey(b => b.CadreTermId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(b => b.YouthPersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(b => b.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DirectContactConfiguration : IEntityTypeConfiguration<DirectContact>
{
    public void Configure(EntityTypeBuilder<DirectContact> builder)
    {
        builder.Property(c => c.Channel).HasConversion<int>();
        builder.Property(c => c.Note).HasMaxLength(DirectContact.NoteMaxLength);
        builder.Property(c => c.ByUserName).HasMaxLength(256);
        builder.HasIndex(c => new { c.CadreTermId, c.On });
        builder.HasOne<CadreTerm>().WithMany().HasForeignKey(c => c.CadreTermId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DirectContactYouthConfiguration : IEntityTypeConfiguration<DirectContactYouth>
{
    public void Configure(EntityTypeBuilder<DirectContactYouth> builder)
    {
        builder.Property(c => c.Channel).HasConversion<int>();
        builder.HasIndex(c => new { c.CadrePersonId, c.YouthPersonId, c.On });
        builder.HasIndex(c => new { c.YouthPersonId, c.On });
        builder.HasIndex(c => c.ContactId);
        builder.HasOne<DirectContact>().WithMany().HasForeignKey(c => c.ContactId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Person>().WithMany().HasForeignKey(c => c.YouthPersonId).OnDelete(DeleteBehavior.Restrict);
    }
}
