using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Organization;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Security;

namespace Qingyun.Data.Configurations;

public sealed class SocialOrganizationConfiguration : IEntityTypeConfiguration<SocialOrganization>
{
    public void Configure(EntityTypeBuilder<SocialOrganization> builder)
    {
        builder.Property(o => o.Name).HasMaxLength(SocialOrganization.NameMaxLength).IsRequired();
        builder.Property(o => o.CreditCode).HasMaxLength(18);
        builder.Property(o => o.LegalStatus).HasConversion<int>();
        builder.Property(o => o.Field).HasConversion<int>();
        builder.Property(o => o.Source).HasConversion<int>();
        builder.Property(o => o.ReviewStatus).HasConversion<int>();
        builder.Property(o => o.Stage).HasConversion<int?>();
        builder.Property(o => o.Summary).HasMaxLength(SocialOrganization.TextMaxLength);
        builder.Property(o => o.Address).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(o => o.ContactName).HasMaxLength(50).IsRequired();
        builder.Property(o => o.ContactPhoneMasked).HasMaxLength(20);
        builder.Property(o => o.ReviewNote).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(o => o.ReviewedBy).HasMaxLength(256);
        // One registry record per credit code; informal organizations have none.
        builder.HasIndex(o => o.CreditCode).IsUnique().HasFilter("\"CreditCode\" IS NOT NULL");
        builder.HasIndex(o => new { o.UnitId, o.ReviewStatus });
        builder.HasIndex(o => o.Name);
        builder.HasIndex(o => o.AccountUserId).IsUnique().HasFilter("\"AccountUserId\" IS NOT NULL");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(o => o.LeagueUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(o => o.AccountUserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncubationStepConfiguration : IEntityTypeConfiguration<IncubationStep>
{
    public void Configure(EntityTypeBuilder<IncubationStep> builder)
    {
        builder.Property(s => s.From).HasConversion<int?>();
        builder.Property(s => s.To).HasConversion<int>();
        builder.Property(s => s.Note).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(s => s.ByUserName).HasMaxLength(256);
        builder.HasIndex(s => new { s.OrganizationId, s.On });
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncubationSupportConfiguration : IEntityTypeConfiguration<IncubationSupport>
{
    public void Configure(EntityTypeBuilder<IncubationSupport> builder)
    {
        builder.Property(s => s.Kind).HasConversion<int>();
        builder.Property(s => s.Description).HasMaxLength(SocialOrganization.ShortMaxLength).IsRequired();
        builder.Property(s => s.Amount).HasPrecision(14, 2);
        builder.Property(s => s.ByUserName).HasMaxLength(256);
        builder.HasIndex(s => new { s.OrganizationId, s.On });
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.GivenByUnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncubationMentorConfiguration : IEntityTypeConfiguration<IncubationMentor>
{
    public void Configure(EntityTypeBuilder<IncubationMentor> builder)
    {
        builder.Property(m => m.Name).HasMaxLength(IncubationMentor.NameMaxLength).IsRequired();
        builder.Property(m => m.Expertise).HasMaxLength(SocialOrganization.ShortMaxLength).IsRequired();
        builder.Property(m => m.ByUserName).HasMaxLength(256);
        builder.HasIndex(m => m.OrganizationId);
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IncubationMilestoneConfiguration : IEntityTypeConfiguration<IncubationMilestone>
{
    public void Configure(EntityTypeBuilder<IncubationMilestone> builder)
    {
        builder.Property(m => m.Title).HasMaxLength(SocialOrganization.ShortMaxLength).IsRequired();
        builder.Property(m => m.Note).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(m => m.ByUserName).HasMaxLength(256);
        builder.HasIndex(m => new { m.OrganizationId, m.DueOn });
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(m => m.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(50).IsRequired();
        builder.Property(p => p.LeagueCommitments).HasMaxLength(SocialOrganization.TextMaxLength).IsRequired();
        builder.Property(p => p.OrgCommitments).HasMaxLength(SocialOrganization.TextMaxLength).IsRequired();
        builder.Property(p => p.RevokeReason).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(p => p.ByUserName).HasMaxLength(256);
        builder.HasIndex(p => new { p.OrganizationId, p.From });
        builder.HasIndex(p => new { p.UnitId, p.Until });
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationSchemeConfiguration : IEntityTypeConfiguration<EvaluationScheme>
{
    public void Configure(EntityTypeBuilder<EvaluationScheme> builder)
    {
        builder.Property(s => s.Name).HasMaxLength(EvaluationScheme.NameMaxLength).IsRequired();
        builder.Property(s => s.Description).HasMaxLength(EvaluationScheme.TextMaxLength);
        builder.Property(s => s.Status).HasConversion<int>();
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasIndex(s => new { s.FamilyId, s.Version }).IsUnique();
        builder.HasIndex(s => s.UnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationCriterionConfiguration : IEntityTypeConfiguration<EvaluationCriterion>
{
    public void Configure(EntityTypeBuilder<EvaluationCriterion> builder)
    {
        builder.Property(c => c.Group).HasMaxLength(EvaluationCriterion.GroupMaxLength).IsRequired();
        builder.Property(c => c.Name).HasMaxLength(EvaluationCriterion.NameMaxLength).IsRequired();
        builder.Property(c => c.Weight).HasPrecision(6, 2);
        builder.Property(c => c.MaxScore).HasPrecision(6, 2);
        builder.Property(c => c.Guidance).HasMaxLength(EvaluationCriterion.TextMaxLength);
        builder.Property(c => c.EvidenceRequired).HasMaxLength(EvaluationCriterion.TextMaxLength);
        builder.HasIndex(c => new { c.SchemeId, c.SortOrder });
        builder.HasOne<EvaluationScheme>().WithMany().HasForeignKey(c => c.SchemeId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EvaluationConfiguration : IEntityTypeConfiguration<Evaluation>
{
    public void Configure(EntityTypeBuilder<Evaluation> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(Evaluation.TitleMaxLength).IsRequired();
        builder.Property(e => e.Status).HasConversion<int>();
        builder.Property(e => e.CreatedBy).HasMaxLength(256);
        builder.Property(e => e.ClosedBy).HasMaxLength(256);
        builder.HasIndex(e => new { e.UnitId, e.Year });
        builder.HasIndex(e => e.RoundId).IsUnique().HasFilter("\"RoundId\" IS NOT NULL");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvaluationScheme>().WithMany().HasForeignKey(e => e.SchemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VentureRound>().WithMany().HasForeignKey(e => e.RoundId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationReviewerConfiguration : IEntityTypeConfiguration<EvaluationReviewer>
{
    public void Configure(EntityTypeBuilder<EvaluationReviewer> builder)
    {
        builder.Property(r => r.DisplayName).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => new { r.EvaluationId, r.UserId }).IsUnique();
        builder.HasIndex(r => r.UserId);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(r => r.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<AppUser>().WithMany().HasForeignKey(r => r.UserId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationSubjectConfiguration : IEntityTypeConfiguration<EvaluationSubject>
{
    public void Configure(EntityTypeBuilder<EvaluationSubject> builder)
    {
        builder.Property(s => s.Label).HasMaxLength(200).IsRequired();
        builder.HasIndex(s => new { s.EvaluationId, s.OrganizationId, s.ApplicationId }).IsUnique();
        builder.HasIndex(s => s.OrganizationId);
        builder.HasIndex(s => s.ApplicationId);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(s => s.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VentureApplication>().WithMany().HasForeignKey(s => s.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ScoreSheetConfiguration : IEntityTypeConfiguration<ScoreSheet>
{
    public void Configure(EntityTypeBuilder<ScoreSheet> builder)
    {
        builder.Property(s => s.ReviewerName).HasMaxLength(256).IsRequired();
        builder.Property(s => s.Comment).HasMaxLength(ScoreSheet.CommentMaxLength);
        // One sheet per reviewer and subject, kept by the database under any race.
        builder.HasIndex(s => new { s.SubjectId, s.ReviewerUserId }).IsUnique();
        builder.HasIndex(s => new { s.EvaluationId, s.ReviewerUserId });
        builder.HasOne<EvaluationSubject>().WithMany().HasForeignKey(s => s.SubjectId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(s => s.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CriterionScoreConfiguration : IEntityTypeConfiguration<CriterionScore>
{
    public void Configure(EntityTypeBuilder<CriterionScore> builder)
    {
        builder.HasKey(s => new { s.SheetId, s.CriterionId });
        builder.Property(s => s.Score).HasPrecision(6, 2);
        builder.Property(s => s.Note).HasMaxLength(CriterionScore.NoteMaxLength);
        builder.HasOne<ScoreSheet>().WithMany().HasForeignKey(s => s.SheetId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<EvaluationCriterion>().WithMany().HasForeignKey(s => s.CriterionId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EvaluationResultConfiguration : IEntityTypeConfiguration<EvaluationResult>
{
    public void Configure(EntityTypeBuilder<EvaluationResult> builder)
    {
        builder.Property(r => r.Total).HasPrecision(6, 2);
        builder.Property(r => r.Detail).IsRequired();
        builder.HasIndex(r => new { r.EvaluationId, r.SubjectId }).IsUnique();
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(r => r.EvaluationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvaluationSubject>().WithMany().HasForeignKey(r => r.SubjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AllocationConfiguration : IEntityTypeConfiguration<Allocation>
{
    public void Configure(EntityTypeBuilder<Allocation> builder)
    {
        builder.Property(a => a.Title).HasMaxLength(Allocation.TitleMaxLength).IsRequired();
        builder.Property(a => a.Budget).HasPrecision(14, 2);
        builder.Property(a => a.Bands).HasMaxLength(2000).IsRequired();
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.HasIndex(a => a.EvaluationId);
        builder.HasOne<Evaluation>().WithMany().HasForeignKey(a => a.EvaluationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AllocationLineConfiguration : IEntityTypeConfiguration<AllocationLine>
{
    public void Configure(EntityTypeBuilder<AllocationLine> builder)
    {
        builder.Property(l => l.Label).HasMaxLength(200).IsRequired();
        builder.Property(l => l.Band).HasMaxLength(30);
        builder.Property(l => l.Score).HasPrecision(6, 2);
        builder.Property(l => l.Amount).HasPrecision(14, 2);
        builder.Property(l => l.RoundingAdjustment).HasPrecision(4, 2);
        builder.HasIndex(l => new { l.AllocationId, l.Rank });
        builder.HasOne<Allocation>().WithMany().HasForeignKey(l => l.AllocationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class LibraryProjectConfiguration : IEntityTypeConfiguration<LibraryProject>
{
    public void Configure(EntityTypeBuilder<LibraryProject> builder)
    {
        builder.Property(p => p.Title).HasMaxLength(LibraryProject.TitleMaxLength).IsRequired();
        builder.Property(p => p.Field).HasConversion<int>();
        builder.Property(p => p.Goals).HasMaxLength(LibraryProject.TextMaxLength).IsRequired();
        builder.Property(p => p.Outcome).HasMaxLength(LibraryProject.TextMaxLength);
        builder.Property(p => p.Budget).HasPrecision(14, 2);
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.UnitId, p.Field });
        builder.HasIndex(p => p.OrganizationId);
        builder.HasIndex(p => p.ApplicationId).IsUnique().HasFilter("\"ApplicationId\" IS NOT NULL");
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(p => p.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class LibraryCaseConfiguration : IEntityTypeConfiguration<LibraryCase>
{
    public void Configure(EntityTypeBuilder<LibraryCase> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(LibraryCase.TitleMaxLength).IsRequired();
        builder.Property(c => c.Field).HasConversion<int>();
        builder.Property(c => c.Summary).HasMaxLength(500).IsRequired();
        builder.Property(c => c.Body).HasMaxLength(LibraryCase.BodyMaxLength).IsRequired();
        builder.Property(c => c.Tags).HasMaxLength(200);
        builder.Property(c => c.CreatedBy).HasMaxLength(256);
        builder.HasIndex(c => new { c.UnitId, c.Field });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(c => c.OrganizationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<LibraryProject>().WithMany().HasForeignKey(c => c.ProjectId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VentureRoundConfiguration : IEntityTypeConfiguration<VentureRound>
{
    public void Configure(EntityTypeBuilder<VentureRound> builder)
    {
        builder.Property(r => r.Title).HasMaxLength(VentureRound.TitleMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(VentureRound.TextMaxLength);
        builder.Property(r => r.Status).HasConversion<int>();
        builder.Property(r => r.Budget).HasPrecision(14, 2);
        builder.Property(r => r.MaxGrant).HasPrecision(14, 2);
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.UnitId, r.Year });
        builder.HasIndex(r => r.Status);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<EvaluationScheme>().WithMany().HasForeignKey(r => r.SchemeId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VentureApplicationConfiguration : IEntityTypeConfiguration<VentureApplication>
{
    public void Configure(EntityTypeBuilder<VentureApplication> builder)
    {
        builder.Property(a => a.ProjectTitle).HasMaxLength(VentureApplication.TitleMaxLength).IsRequired();
        builder.Property(a => a.Field).HasConversion<int>();
        builder.Property(a => a.Status).HasConversion<int>();
        builder.Property(a => a.Summary).HasMaxLength(VentureApplication.TextMaxLength).IsRequired();
        builder.Property(a => a.Goals).HasMaxLength(VentureApplication.TextMaxLength).IsRequired();
        builder.Property(a => a.BudgetNote).HasMaxLength(VentureApplication.TextMaxLength).IsRequired();
        builder.Property(a => a.StatusNote).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(a => a.Requested).HasPrecision(14, 2);
        builder.Property(a => a.Awarded).HasPrecision(14, 2);
        builder.Property(a => a.SubmittedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.RoundId, a.Status });
        builder.HasIndex(a => a.OrganizationId);
        builder.HasOne<VentureRound>().WithMany().HasForeignKey(a => a.RoundId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<SocialOrganization>().WithMany().HasForeignKey(a => a.OrganizationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VentureReportConfiguration : IEntityTypeConfiguration<VentureReport>
{
    public void Configure(EntityTypeBuilder<VentureReport> builder)
    {
        builder.Property(r => r.Kind).HasConversion<int>();
        builder.Property(r => r.Body).HasMaxLength(VentureReport.TextMaxLength).IsRequired();
        builder.Property(r => r.Spent).HasPrecision(14, 2);
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.ReviewNote).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.ApplicationId, r.SubmittedAt });
        builder.HasOne<VentureApplication>().WithMany().HasForeignKey(r => r.ApplicationId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Document>().WithMany().HasForeignKey(r => r.DocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VentureDisbursementConfiguration : IEntityTypeConfiguration<VentureDisbursement>
{
    public void Configure(EntityTypeBuilder<VentureDisbursement> builder)
    {
        builder.Property(d => d.Amount).HasPrecision(14, 2);
        builder.Property(d => d.Reference).HasMaxLength(VentureDisbursement.ReferenceMaxLength).IsRequired();
        builder.Property(d => d.Note).HasMaxLength(SocialOrganization.ShortMaxLength);
        builder.Property(d => d.ByUserName).HasMaxLength(256);
        builder.HasIndex(d => new { d.ApplicationId, d.On });
        builder.HasOne<VentureApplication>().WithMany().HasForeignKey(d => d.ApplicationId).OnDelete(DeleteBehavior.Restrict);
    }
}
