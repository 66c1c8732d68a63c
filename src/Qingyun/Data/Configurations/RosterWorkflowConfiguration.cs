using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;

namespace Qingyun.Data.Configurations;

public sealed class RecruitConfiguration : IEntityTypeConfiguration<Recruit>
{
    public void Configure(EntityTypeBuilder<Recruit> builder)
    {
        builder.Property(r => r.Stage).HasConversion<int>();
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => new { r.UnitId, r.Stage });
        builder.HasIndex(r => r.PersonId);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecruitStepConfiguration : IEntityTypeConfiguration<RecruitStep>
{
    public void Configure(EntityTypeBuilder<RecruitStep> builder)
    {
        builder.Property(s => s.Stage).HasConversion<int>();
        builder.Property(s => s.Note).HasMaxLength(500);
        builder.Property(s => s.ByUserName).HasMaxLength(256);
        builder.HasIndex(s => new { s.RecruitId, s.At });
        builder.HasOne<Recruit>().WithMany().HasForeignKey(s => s.RecruitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Document>().WithMany().HasForeignKey(s => s.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecruitClassConfiguration : IEntityTypeConfiguration<RecruitClass>
{
    public void Configure(EntityTypeBuilder<RecruitClass> builder)
    {
        builder.Property(c => c.Topic).HasMaxLength(RecruitClass.TopicMaxLength).IsRequired();
        builder.Property(c => c.Hours).HasPrecision(5, 1);
        builder.Property(c => c.ByUserName).HasMaxLength(256);
        builder.HasIndex(c => new { c.RecruitId, c.On });
        builder.HasOne<Recruit>().WithMany().HasForeignKey(c => c.RecruitId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class TransferConfiguration : IEntityTypeConfiguration<Transfer>
{
    public void Configure(EntityTypeBuilder<Transfer> builder)
    {
        builder.Property(t => t.Reason).HasConversion<int>();
        builder.Property(t => t.StartedBy).HasConversion<int>();
        builder.Property(t => t.State).HasConversion<int>();
        builder.Property(t => t.Note).HasMaxLength(Transfer.NoteMaxLength);
        builder.Property(t => t.MemberName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(t => t.MemberNumber).HasMaxLength(Membership.MemberNumberMaxLength).IsRequired();
        builder.Property(t => t.FromUnitName).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(t => t.ToUnitName).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(t => t.DecisionNote).HasMaxLength(Transfer.NoteMaxLength);
        builder.Property(t => t.StartedByUserName).HasMaxLength(256);
        builder.Property(t => t.DecidedByUserName).HasMaxLength(256);
        builder.Ignore(t => t.IsOpen);
        // At most one open request per membership: the database says so too.
        builder.HasIndex(t => t.MembershipId).IsUnique().HasFilter("\"State\" IN (1, 2)");
        builder.HasIndex(t => new { t.State, t.DueAt });
        builder.HasIndex(t => t.ToUnitId);
        builder.HasOne<Membership>().WithMany().HasForeignKey(t => t.MembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.ToUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.AncestorUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ReviewRoundConfiguration : IEntityTypeConfiguration<ReviewRound>
{
    public void Configure(EntityTypeBuilder<ReviewRound> builder)
    {
        builder.Property(r => r.State).HasConversion<int>();
        builder.Property(r => r.OpenedByUserName).HasMaxLength(256);
        builder.Property(r => r.DecidedByUserName).HasMaxLength(256);
        builder.Property(r => r.ReturnNote).HasMaxLength(500);
        builder.HasIndex(r => new { r.UnitId, r.Year }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ReviewEntryConfiguration : IEntityTypeConfiguration<ReviewEntry>
{
    public void Configure(EntityTypeBuilder<ReviewEntry> builder)
    {
        builder.Property(e => e.Grade).HasConversion<int?>();
        builder.HasIndex(e => new { e.RoundId, e.MembershipId }).IsUnique();
        builder.HasOne<ReviewRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Membership>().WithMany().HasForeignKey(e => e.MembershipId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RecommendationConfiguration : IEntityTypeConfiguration<Recommendation>
{
    public void Configure(EntityTypeBuilder<Recommendation> builder)
    {
        builder.Property(r => r.State).HasConversion<int>();
        builder.Property(r => r.Outcome).HasConversion<int?>();
        builder.Property(r => r.Reason).HasMaxLength(Recommendation.TextMaxLength);
        builder.Property(r => r.PartyOrganization).HasMaxLength(OrgUnit.NameMaxLength);
        builder.Property(r => r.ReturnNote).HasMaxLength(Recommendation.TextMaxLength);
        builder.Property(r => r.ApprovedByUserName).HasMaxLength(256);
        builder.Property(r => r.NominatedByUserName).HasMaxLength(256);
        builder.Ignore(r => r.IsOpen);
        builder.HasIndex(r => new { r.UnitId, r.State });
        builder.HasIndex(r => r.MembershipId);
        builder.HasOne<Membership>().WithMany().HasForeignKey(r => r.MembershipId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Document>().WithMany().HasForeignKey(r => r.MeetingDocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DocumentConfiguration : IEntityTypeConfiguration<Document>
{
    public void Configure(EntityTypeBuilder<Document> builder)
    {
        builder.Property(d => d.FileName).HasMaxLength(Document.FileNameMaxLength).IsRequired();
        builder.Property(d => d.ContentType).HasMaxLength(100).IsRequired();
        builder.Property(d => d.Sha256).HasMaxLength(64).IsRequired();
        builder.Property(d => d.UploadedBy).HasMaxLength(256);
        builder.HasIndex(d => d.UnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(d => d.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class NoticeConfiguration : IEntityTypeConfiguration<Notice>
{
    public void Configure(EntityTypeBuilder<Notice> builder)
    {
        builder.Property(n => n.Kind).HasConversion<int>();
        builder.Property(n => n.Args).HasMaxLength(1000);
        builder.Property(n => n.Link).HasMaxLength(300);
        builder.Ignore(n => n.ArgList);
        builder.HasIndex(n => new { n.UnitId, n.At });
        builder.HasIndex(n => new { n.PersonId, n.Id }).HasFilter("\"PersonId\" IS NOT NULL");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(n => n.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
