using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Data.Configurations;

public sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.Property(a => a.Kind).HasConversion<int>();
        builder.Property(a => a.State).HasConversion<int>();
        builder.Property(a => a.Title).HasMaxLength(Activity.TitleMaxLength).IsRequired();
        builder.Property(a => a.Place).HasMaxLength(Activity.PlaceMaxLength).IsRequired();
        builder.Property(a => a.Description).HasMaxLength(Activity.DescriptionMaxLength);
        builder.Property(a => a.ContactName).HasMaxLength(Person.NameMaxLength);
        builder.Property(a => a.ContactPhone).HasMaxLength(20);
        builder.Property(a => a.CreatedBy).HasMaxLength(256);
        builder.Property(a => a.CancelReason).HasMaxLength(500);
        // The public list reads published activities by start; an organizer's list by unit and start.
        builder.HasIndex(a => new { a.State, a.StartsAt });
        builder.HasIndex(a => new { a.UnitId, a.StartsAt });
        builder.HasIndex(a => a.ProjectId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(a => a.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ServiceProject>().WithMany().HasForeignKey(a => a.ProjectId).OnDelete(DeleteBehavior.Restrict);
        // Youth activities (hubs, lectures, menu services, scheduled teaching): see HubsConfiguration.
        builder.Property(a => a.Audience).HasConversion<int>();
        builder.Property(a => a.PriceBand).HasConversion<int>();
        builder.Property(a => a.AttendanceMode).HasConversion<int>();
        builder.Property(a => a.Price).HasPrecision(10, 2);
        builder.Property(a => a.Report).HasMaxLength(Activity.ReportMaxLength);
        builder.Property(a => a.ReportedBy).HasMaxLength(256);
        builder.HasIndex(a => new { a.Kind, a.StartsAt });
        builder.HasIndex(a => a.SeriesId);
        builder.HasIndex(a => a.MenuItemId);
        builder.HasOne<ActivityCategory>().WithMany().HasForeignKey(a => a.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<QuarterTheme>().WithMany().HasForeignKey(a => a.ThemeId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(a => a.TeacherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Topic>().WithMany().HasForeignKey(a => a.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActivitySeries>().WithMany().HasForeignKey(a => a.SeriesId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VolunteerConfiguration : IEntityTypeConfiguration<Volunteer>
{
    public void Configure(EntityTypeBuilder<Volunteer> builder)
    {
        builder.Property(v => v.Number).HasMaxLength(Volunteer.NumberLength).IsRequired();
        builder.Property(v => v.Skills).HasConversion<int>();
        builder.Property(v => v.Availability).HasConversion<int>();
        builder.Property(v => v.ServiceAreas).HasConversion<int>();
        builder.Property(v => v.Channel).HasConversion<int>();
        builder.Property(v => v.Status).HasConversion<int>();
        builder.Property(v => v.GuardianName).HasMaxLength(Volunteer.GuardianNameMaxLength);
        builder.Property(v => v.GuardianPhoneMasked).HasMaxLength(20);
        builder.Property(v => v.RegisteredBy).HasMaxLength(256);
        builder.Property(v => v.LedgerHead).HasMaxLength(64).IsRequired();
        // Two appends to one record at once: the second save finds the head moved and starts over.
        builder.Property(v => v.LedgerHead).IsConcurrencyToken();
        builder.HasIndex(v => v.Number).IsUnique();
        builder.HasIndex(v => v.PersonId).IsUnique();
        builder.HasIndex(v => new { v.UnitId, v.Id });
        builder.HasOne<Person>().WithMany().HasForeignKey(v => v.PersonId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(v => v.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class VolunteerTeamConfiguration : IEntityTypeConfiguration<VolunteerTeam>
{
    public void Configure(EntityTypeBuilder<VolunteerTeam> builder)
    {
        builder.Property(t => t.Name).HasMaxLength(VolunteerTeam.NameMaxLength).IsRequired();
        builder.Property(t => t.ServiceAreas).HasConversion<int>();
        builder.Property(t => t.Description).HasMaxLength(500);
        builder.Property(t => t.LeaderName).HasMaxLength(Person.NameMaxLength);
        builder.HasIndex(t => new { t.UnitId, t.Name }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TeamMemberConfiguration : IEntityTypeConfiguration<TeamMember>
{
    public void Configure(EntityTypeBuilder<TeamMember> builder)
    {
        builder.HasIndex(m => new { m.TeamId, m.VolunteerId }).IsUnique().HasFilter("\"LeftAt\" IS NULL");
        builder.HasIndex(m => m.VolunteerId);
        builder.HasOne<VolunteerTeam>().WithMany().HasForeignKey(m => m.TeamId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(m => m.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceProjectConfiguration : IEntityTypeConfiguration<ServiceProject>
{
    public void Configure(EntityTypeBuilder<ServiceProject> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(ServiceProject.NameMaxLength).IsRequired();
        builder.Property(p => p.Description).HasMaxLength(ServiceProject.DescriptionMaxLength);
        builder.Property(p => p.Area).HasConversion<int>();
        builder.Property(p => p.State).HasConversion<int>();
        builder.Property(p => p.CreatedBy).HasMaxLength(256);
        builder.HasIndex(p => new { p.UnitId, p.Id });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(p => p.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PositionConfiguration : IEntityTypeConfiguration<Position>
{
    public void Configure(EntityTypeBuilder<Position> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(Position.NameMaxLength).IsRequired();
        builder.Property(p => p.Duty).HasMaxLength(Position.DutyMaxLength);
        builder.Property(p => p.RequiredSkills).HasConversion<int>();
        builder.HasIndex(p => p.ActivityId);
        builder.HasOne<Activity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Course>().WithMany().HasForeignKey(p => p.RequiredCourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class SignUpConfiguration : IEntityTypeConfiguration<SignUp>
{
    public void Configure(EntityTypeBuilder<SignUp> builder)
    {
        builder.Property(s => s.State).HasConversion<int>();
        builder.Property(s => s.Note).HasMaxLength(SignUp.NoteMaxLength);
        builder.Property(s => s.DecidedBy).HasMaxLength(256);
        builder.Ignore(s => s.IsActive);
        // One live sign-up per volunteer and activity, kept by the database under any race.
        builder.HasIndex(s => new { s.ActivityId, s.VolunteerId }).IsUnique().HasFilter("\"State\" IN (1, 2, 3)")
            .HasDatabaseName("IX_SignUps_OneLivePerActivity");
        builder.HasIndex(s => new { s.PositionId, s.State, s.Sequence });
        builder.HasIndex(s => new { s.VolunteerId, s.SignedUpAt });
        builder.HasOne<Position>().WithMany().HasForeignKey(s => s.PositionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activity>().WithMany().HasForeignKey(s => s.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(s => s.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class AttendanceConfiguration : IEntityTypeConfiguration<Attendance>
{
    public void Configure(EntityTypeBuilder<Attendance> builder)
    {
        builder.Property(a => a.CheckInMethod).HasConversion<int>();
        builder.Property(a => a.CheckOutMethod).HasConversion<int?>();
        builder.Property(a => a.State).HasConversion<int>();
        builder.Property(a => a.Note).HasMaxLength(500);
        builder.Property(a => a.DecidedBy).HasMaxLength(256);
        // The idempotency of check-in: a second tap finds this row instead of adding one.
        builder.HasIndex(a => new { a.ActivityId, a.VolunteerId }).IsUnique();
        builder.HasIndex(a => a.VolunteerId);
        builder.HasOne<Activity>().WithMany().HasForeignKey(a => a.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(a => a.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ServiceEntryConfiguration : IEntityTypeConfiguration<ServiceEntry>
{
    public void Configure(EntityTypeBuilder<ServiceEntry> builder)
    {
        builder.Property(e => e.Kind).HasConversion<int>();
        builder.Property(e => e.Content).HasMaxLength(ServiceEntry.ContentMaxLength).IsRequired();
        builder.Property(e => e.Reason).HasMaxLength(ServiceEntry.ReasonMaxLength);
        builder.Property(e => e.RecordedBy).HasMaxLength(256).IsRequired();
        builder.Property(e => e.Source).HasMaxLength(ServiceEntry.SourceMaxLength);
        builder.Property(e => e.ExternalId).HasMaxLength(ServiceEntry.ExternalIdMaxLength);
        builder.Property(e => e.PreviousHash).HasMaxLength(64).IsRequired();
        builder.Property(e => e.Hash).HasMaxLength(64).IsRequired();
        // The chain is linear: two lines can never claim the same place in one volunteer's record.
        builder.HasIndex(e => new { e.VolunteerId, e.Sequence }).IsUnique();
        // An attendance is credited once; an entry is reversed once; a line from another platform arrives once.
        builder.HasIndex(e => e.AttendanceId).IsUnique().HasFilter("\"AttendanceId\" IS NOT NULL");
        builder.HasIndex(e => e.ReversesEntryId).IsUnique().HasFilter("\"ReversesEntryId\" IS NOT NULL");
        builder.HasIndex(e => new { e.Source, e.ExternalId }).IsUnique().HasFilter("\"ExternalId\" IS NOT NULL");
        builder.HasIndex(e => new { e.UnitId, e.ServiceDate });
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(e => e.VolunteerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(e => e.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class DisputeConfiguration : IEntityTypeConfiguration<Dispute>
{
    public void Configure(EntityTypeBuilder<Dispute> builder)
    {
        builder.Property(d => d.State).HasConversion<int>();
        builder.Property(d => d.Reason).HasMaxLength(Dispute.TextMaxLength).IsRequired();
        builder.Property(d => d.Answer).HasMaxLength(Dispute.TextMaxLength);
        builder.Property(d => d.AnsweredBy).HasMaxLength(256);
        builder.HasIndex(d => d.EntryId).IsUnique().HasFilter("\"State\" = 1");
        builder.HasIndex(d => new { d.UnitId, d.State });
        builder.HasIndex(d => d.VolunteerId);
        builder.HasOne<ServiceEntry>().WithMany().HasForeignKey(d => d.EntryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CertificateConfiguration : IEntityTypeConfiguration<Certificate>
{
    public void Configure(EntityTypeBuilder<Certificate> builder)
    {
        builder.Property(c => c.Number).HasMaxLength(Certificate.NumberLength).IsRequired();
        builder.Property(c => c.HolderName).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(c => c.HolderNameMasked).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(c => c.HolderIdMasked).HasMaxLength(32).IsRequired();
        builder.Property(c => c.VolunteerNumber).HasMaxLength(Volunteer.NumberLength).IsRequired();
        builder.Property(c => c.Content).HasMaxLength(Certificate.ContentMaxLength).IsRequired();
        builder.Property(c => c.IssuerName).HasMaxLength(OrgUnit.NameMaxLength).IsRequired();
        builder.Property(c => c.PersonInCharge).HasMaxLength(Person.NameMaxLength).IsRequired();
        builder.Property(c => c.ContactPhone).HasMaxLength(20).IsRequired();
        builder.Property(c => c.IssuedBy).HasMaxLength(256).IsRequired();
        builder.Property(c => c.RevokedBy).HasMaxLength(256);
        builder.Property(c => c.RevokeReason).HasMaxLength(500);
        builder.HasIndex(c => c.Number).IsUnique();
        builder.HasIndex(c => c.VolunteerId);
        builder.HasIndex(c => new { c.UnitId, c.IssuedAt });
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CommendationConfiguration : IEntityTypeConfiguration<Commendation>
{
    public void Configure(EntityTypeBuilder<Commendation> builder)
    {
        builder.Property(c => c.Title).HasMaxLength(Commendation.TitleMaxLength).IsRequired();
        builder.Property(c => c.Note).HasMaxLength(500);
        builder.Property(c => c.RecordedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(c => c.VolunteerId);
        builder.HasIndex(c => new { c.UnitId, c.AwardedOn });
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(c => c.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class BenefitConfiguration : IEntityTypeConfiguration<Benefit>
{
    public void Configure(EntityTypeBuilder<Benefit> builder)
    {
        builder.Property(b => b.Partner).HasMaxLength(Benefit.TextMaxLength).IsRequired();
        builder.Property(b => b.Offer).HasMaxLength(Benefit.TextMaxLength).IsRequired();
        builder.HasIndex(b => new { b.UnitId, b.MinimumStars });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(b => b.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class CourseConfiguration : IEntityTypeConfiguration<Course>
{
    public void Configure(EntityTypeBuilder<Course> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(Course.NameMaxLength).IsRequired();
        builder.Property(c => c.Description).HasMaxLength(1000);
        builder.HasIndex(c => new { c.UnitId, c.Name }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(c => c.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TrainingSessionConfiguration : IEntityTypeConfiguration<TrainingSession>
{
    public void Configure(EntityTypeBuilder<TrainingSession> builder)
    {
        builder.Property(s => s.Place).HasMaxLength(Activity.PlaceMaxLength).IsRequired();
        builder.Property(s => s.Teacher).HasMaxLength(Person.NameMaxLength);
        builder.HasIndex(s => new { s.CourseId, s.StartsAt });
        builder.HasOne<Course>().WithMany().HasForeignKey(s => s.CourseId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TrainingRecordConfiguration : IEntityTypeConfiguration<TrainingRecord>
{
    public void Configure(EntityTypeBuilder<TrainingRecord> builder)
    {
        builder.Property(r => r.RecordedBy).HasMaxLength(256).IsRequired();
        builder.HasIndex(r => new { r.SessionId, r.VolunteerId }).IsUnique();
        builder.HasIndex(r => new { r.VolunteerId, r.CourseId });
        builder.HasOne<TrainingSession>().WithMany().HasForeignKey(r => r.SessionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Volunteer>().WithMany().HasForeignKey(r => r.VolunteerId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OutgoingMessageConfiguration : IEntityTypeConfiguration<OutgoingMessage>
{
    public void Configure(EntityTypeBuilder<OutgoingMessage> builder)
    {
        builder.Property(m => m.Channel).HasMaxLength(10).IsRequired();
        builder.Property(m => m.Body).HasMaxLength(500).IsRequired();
        builder.HasIndex(m => new { m.PersonId, m.CreatedAt });
    }
}
