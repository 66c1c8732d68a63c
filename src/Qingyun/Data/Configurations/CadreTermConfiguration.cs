using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;

namespace Qingyun.Data.Configurations;

public sealed class CadreTermConfiguration : IEntityTypeConfiguration<CadreTerm>
{
    public void Configure(EntityTypeBuilder<CadreTerm> builder)
    {
        builder.Property(t => t.Post).HasConversion<int>();
        builder.Property(t => t.Kind).HasConversion<int>();
        builder.Property(t => t.EndReason).HasConversion<int?>();
        builder.Property(t => t.AppointNote).HasMaxLength(CadreTerm.NoteMaxLength);
        builder.Property(t => t.EndNote).HasMaxLength(CadreTerm.NoteMaxLength);
        builder.Property(t => t.AppointedBy).HasMaxLength(256);
        builder.Property(t => t.EndedBy).HasMaxLength(256);
        builder.Ignore(t => t.IsOpen);
        // The database keeps the two rules even when two admins appoint at the same moment: one open
        // term of a post per person and unit, and one open 书记 per unit. Same SQL on both providers.
        builder.HasIndex(t => new { t.UnitId, t.PersonId, t.Post }).IsUnique().HasFilter("\"EndedOn\" IS NULL")
            .HasDatabaseName("IX_CadreTerms_OpenPostPerPerson");
        builder.HasIndex(t => t.UnitId).IsUnique().HasFilter("\"EndedOn\" IS NULL AND \"Post\" = 1")
            .HasDatabaseName("IX_CadreTerms_OneOpenSecretary");
        // The cadre list pages in id order; a unit's team and a person's posts are read by these.
        builder.HasIndex(t => new { t.UnitId, t.Id });
        builder.HasIndex(t => new { t.PersonId, t.StartedOn });
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CadreTerm>().WithMany().HasForeignKey(t => t.PredecessorTermId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CadreTrainingConfiguration : IEntityTypeConfiguration<CadreTraining>
{
    public void Configure(EntityTypeBuilder<CadreTraining> builder)
    {
        builder.Property(t => t.Course).HasMaxLength(CadreTraining.CourseMaxLength).IsRequired();
        builder.Property(t => t.Organizer).HasMaxLength(CadreTraining.OrganizerMaxLength).IsRequired();
        builder.Property(t => t.Hours).HasPrecision(6, 1);
        builder.Property(t => t.ByUserName).HasMaxLength(256);
        builder.HasIndex(t => new { t.PersonId, t.AttendedOn });
        builder.HasIndex(t => t.UnitId);
        builder.HasOne<Person>().WithMany().HasForeignKey(t => t.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
