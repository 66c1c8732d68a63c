using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;

namespace Qingyun.Data.Configurations;

public sealed class FigureTallyConfiguration : IEntityTypeConfiguration<FigureTally>
{
    public void Configure(EntityTypeBuilder<FigureTally> builder)
    {
        // The key is the read path: a unit's cells of a year are one index range.
        builder.HasKey(t => new { t.UnitId, t.Year, t.Code, t.Month, t.Key });
        builder.Property(t => t.Code).HasMaxLength(48);
        builder.Property(t => t.Key).HasMaxLength(32);
        builder.Property(t => t.Own).HasPrecision(18, 2);
        builder.Property(t => t.Total).HasPrecision(18, 2);
    }
}

public sealed class FigureSubjectConfiguration : IEntityTypeConfiguration<FigureSubject>
{
    public void Configure(EntityTypeBuilder<FigureSubject> builder)
    {
        builder.HasKey(s => new { s.UnitId, s.Code, s.Year, s.SubjectId });
        builder.Property(s => s.Code).HasMaxLength(48);
        // A refresh finds a person's rows along the chain of units above the one that changed.
        builder.HasIndex(s => new { s.SubjectId, s.UnitId });
    }
}

public sealed class FigureStaleConfiguration : IEntityTypeConfiguration<FigureStale>
{
    public void Configure(EntityTypeBuilder<FigureStale> builder)
    {
        builder.HasIndex(s => s.At);
    }
}

public sealed class ReportedIndicatorConfiguration : IEntityTypeConfiguration<ReportedIndicator>
{
    public void Configure(EntityTypeBuilder<ReportedIndicator> builder)
    {
        builder.Ignore(r => r.Code);
        builder.Property(r => r.Name).HasMaxLength(ReportedIndicator.NameMaxLength).IsRequired();
        builder.Property(r => r.Measure).HasMaxLength(ReportedIndicator.UnitNameMaxLength).IsRequired();
        builder.Property(r => r.Description).HasMaxLength(ReportedIndicator.DescriptionMaxLength);
        builder.Property(r => r.Section).HasConversion<int>();
        builder.Property(r => r.CreatedBy).HasMaxLength(256);
        builder.HasIndex(r => new { r.UnitId, r.Name }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IndicatorReportConfiguration : IEntityTypeConfiguration<IndicatorReport>
{
    public void Configure(EntityTypeBuilder<IndicatorReport> builder)
    {
        builder.Property(r => r.Value).HasPrecision(18, 2);
        builder.Property(r => r.Note).HasMaxLength(IndicatorReport.NoteMaxLength).IsRequired();
        builder.Property(r => r.State).HasConversion<int>();
        builder.Property(r => r.SubmittedBy).HasMaxLength(256);
        builder.Property(r => r.ReviewedBy).HasMaxLength(256);
        builder.Property(r => r.ReviewNote).HasMaxLength(IndicatorReport.NoteMaxLength);
        // One value per unit, indicator and year.
        builder.HasIndex(r => new { r.IndicatorId, r.UnitId, r.Year }).IsUnique();
        builder.HasIndex(r => new { r.UnitId, r.Year });
        builder.HasOne<ReportedIndicator>().WithMany().HasForeignKey(r => r.IndicatorId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(r => r.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Document>().WithMany().HasForeignKey(r => r.EvidenceDocumentId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class IndicatorTargetConfiguration : IEntityTypeConfiguration<IndicatorTarget>
{
    public void Configure(EntityTypeBuilder<IndicatorTarget> builder)
    {
        builder.Property(t => t.Code).HasMaxLength(48).IsRequired();
        builder.Property(t => t.Value).HasPrecision(18, 2);
        builder.Property(t => t.SetBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.UnitId, t.Year, t.Code }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class WorkSummaryConfiguration : IEntityTypeConfiguration<WorkSummary>
{
    public void Configure(EntityTypeBuilder<WorkSummary> builder)
    {
        builder.Property(w => w.Title).HasMaxLength(WorkSummary.TitleMaxLength).IsRequired();
        builder.Property(w => w.Sections).IsRequired();
        builder.Property(w => w.UpdatedBy).HasMaxLength(256);
        builder.Property(w => w.Version).IsConcurrencyToken();
        builder.HasIndex(w => new { w.UnitId, w.Year }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(w => w.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AssessmentItemConfiguration : IEntityTypeConfiguration<AssessmentItem>
{
    public void Configure(EntityTypeBuilder<AssessmentItem> builder)
    {
        builder.Property(i => i.Code).HasMaxLength(48).IsRequired();
        builder.Property(i => i.Points).HasPrecision(6, 1);
        builder.Property(i => i.SetBy).HasMaxLength(256);
        builder.HasIndex(i => new { i.UnitId, i.Year, i.Code }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(i => i.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}
