using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;

namespace Qingyun.Data.Configurations;

public sealed class HubConfiguration : IEntityTypeConfiguration<Hub>
{
    public void Configure(EntityTypeBuilder<Hub> builder)
    {
        builder.HasKey(h => h.UnitId);
        builder.Property(h => h.Type).HasConversion<int>();
        builder.Property(h => h.Grade).HasConversion<int>();
        builder.Property(h => h.Address).HasMaxLength(Hub.AddressMaxLength).IsRequired();
        builder.Property(h => h.OpeningHours).HasMaxLength(Hub.HoursMaxLength).IsRequired();
        builder.Property(h => h.ManagerName).HasMaxLength(Person.NameMaxLength);
        builder.Property(h => h.ManagerPhone).HasMaxLength(20);
        builder.Property(h => h.Introduction).HasMaxLength(Hub.IntroductionMaxLength);
        builder.Property(h => h.UpdatedBy).HasMaxLength(256);
        builder.HasIndex(h => h.ManagingUnitId);
        builder.HasOne<OrgUnit>().WithOne().HasForeignKey<Hub>(h => h.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(h => h.ManagingUnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<VolunteerTeam>().WithMany().HasForeignKey(h => h.VolunteerTeamId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivityCategoryConfiguration : IEntityTypeConfiguration<ActivityCategory>
{
    /// <summary>The categories of seed 001's year, in its order; administrators add, rename and archive.</summary>
    public static readonly (Guid Id, string Name, string NameEn)[] Defaults =
    [
        (Guid.Parse("0197a000-0000-7000-8000-000000000001"), "讲座", "Lecture"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000002"), "联谊交友", "Social / dating"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000003"), "自护教育", "Self-protection"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000004"), "DIY手工", "DIY / craft"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000005"), "体育运动", "Sports"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000006"), "志愿服务", "Volunteer action"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000007"), "电影放映", "Film"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000008"), "瑜伽健康", "Yoga / health"),
        (Guid.Parse("0197a000-0000-7000-8000-000000000009"), "技能培训", "Training"),
        (Guid.Parse("0197a000-0000-7000-8000-00000000000a"), "主题团日", "Theme League day"),
        (Guid.Parse("0197a000-0000-7000-8000-00000000000b"), "其他", "Other"),
    ];

    public void Configure(EntityTypeBuilder<ActivityCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(ActivityCategory.NameMaxLength).IsRequired();
        builder.Property(c => c.NameEn).HasMaxLength(ActivityCategory.NameMaxLength).IsRequired();
        builder.HasIndex(c => c.Name).IsUnique();
        builder.HasData(Defaults.Select((d, i) => new ActivityCategory { Id = d.Id, Name = d.Name, NameEn = d.NameEn, SortOrder = (i + 1) * 10 }));
    }
}

public sealed class PublicHolidayConfiguration : IEntityTypeConfiguration<PublicHoliday>
{
    public void Configure(EntityTypeBuilder<PublicHoliday> builder)
    {
        builder.HasKey(h => h.Date);
        builder.Property(h => h.Name).HasMaxLength(PublicHoliday.NameMaxLength).IsRequired();
        builder.HasData(Holidays2026.SelectMany(h => Enumerable.Range(0, h.Days).Select(d => new PublicHoliday { Date = h.From.AddDays(d), Name = h.Name })));
    }

    /// <summary>The State Council's 2026 holidays (放假日, not the adjusted working days); later years are entered on the holidays page.</summary>
    private static readonly (string Name, DateOnly From, int Days)[] Holidays2026 =
    [
        ("元旦", new(2026, 1, 1), 3), ("春节", new(2026, 2, 15), 9), ("清明节", new(2026, 4, 4), 3), ("劳动节", new(2026, 5, 1), 5),
        ("端午节", new(2026, 6, 19), 3), ("中秋节", new(2026, 9, 25), 3), ("国庆节", new(2026, 10, 1), 7),
    ];
}

public sealed class QuarterThemeConfiguration : IEntityTypeConfiguration<QuarterTheme>
{
    public void Configure(EntityTypeBuilder<QuarterTheme> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(QuarterTheme.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(QuarterTheme.DescriptionMaxLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => new { t.UnitId, t.Year, t.Quarter }).IsUnique();
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.Property(r => r.State).HasConversion<int>();
        // One live registration per person and activity, kept by the database under any race.
        builder.HasIndex(r => new { r.ActivityId, r.PersonId }).IsUnique().HasFilter("\"State\" = 1")
            .HasDatabaseName("IX_Registrations_OneLivePerActivity");
        builder.HasIndex(r => new { r.PersonId, r.RegisteredAt });
        builder.HasOne<Activity>().WithMany().HasForeignKey(r => r.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(r => r.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ParticipationConfiguration : IEntityTypeConfiguration<Participation>
{
    public void Configure(EntityTypeBuilder<Participation> builder)
    {
        builder.Property(p => p.Method).HasConversion<int>();
        builder.Property(p => p.RecordedBy).HasMaxLength(256);
        // A person counts once per activity however often they tap: person-times are rows, persons are distinct ids.
        builder.HasIndex(p => new { p.ActivityId, p.PersonId }).IsUnique();
        builder.HasIndex(p => new { p.PersonId, p.At });
        builder.HasOne<Activity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(p => p.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivityPhotoConfiguration : IEntityTypeConfiguration<ActivityPhoto>
{
    public void Configure(EntityTypeBuilder<ActivityPhoto> builder)
    {
        builder.Property(p => p.ContentType).HasMaxLength(50).IsRequired();
        builder.Property(p => p.Caption).HasMaxLength(200);
        builder.Property(p => p.UploadedBy).HasMaxLength(256);
        builder.HasIndex(p => p.ActivityId);
        builder.HasOne<Activity>().WithMany().HasForeignKey(p => p.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivityFeedbackConfiguration : IEntityTypeConfiguration<ActivityFeedback>
{
    public void Configure(EntityTypeBuilder<ActivityFeedback> builder)
    {
        builder.Property(f => f.Comment).HasMaxLength(ActivityFeedback.CommentMaxLength);
        builder.HasIndex(f => new { f.ActivityId, f.PersonId }).IsUnique();
        builder.HasOne<Activity>().WithMany().HasForeignKey(f => f.ActivityId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(f => f.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TeacherConfiguration : IEntityTypeConfiguration<Teacher>
{
    public void Configure(EntityTypeBuilder<Teacher> builder)
    {
        builder.Property(t => t.Source).HasConversion<int>();
        builder.Property(t => t.Name).HasMaxLength(Teacher.NameMaxLength).IsRequired();
        builder.Property(t => t.Institution).HasMaxLength(Teacher.InstitutionMaxLength);
        builder.Property(t => t.Expertise).HasMaxLength(Teacher.ExpertiseMaxLength);
        builder.Property(t => t.PhoneCipher).HasMaxLength(200);
        builder.Property(t => t.PhoneMasked).HasMaxLength(20);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => t.UnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class TopicConfiguration : IEntityTypeConfiguration<Topic>
{
    public void Configure(EntityTypeBuilder<Topic> builder)
    {
        builder.Property(t => t.Title).HasMaxLength(Topic.TitleMaxLength).IsRequired();
        builder.Property(t => t.Description).HasMaxLength(Topic.DescriptionMaxLength);
        builder.Property(t => t.CreatedBy).HasMaxLength(256);
        builder.HasIndex(t => t.UnitId);
        builder.HasIndex(t => t.TeacherId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(t => t.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(t => t.TeacherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActivityCategory>().WithMany().HasForeignKey(t => t.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MenuItemConfiguration : IEntityTypeConfiguration<MenuItem>
{
    public void Configure(EntityTypeBuilder<MenuItem> builder)
    {
        builder.Property(m => m.State).HasConversion<int>();
        builder.Property(m => m.PriceBand).HasConversion<int>();
        builder.Property(m => m.Price).HasPrecision(10, 2);
        builder.Property(m => m.Title).HasMaxLength(MenuItem.TitleMaxLength).IsRequired();
        builder.Property(m => m.Description).HasMaxLength(MenuItem.DescriptionMaxLength);
        builder.Property(m => m.Place).HasMaxLength(Activity.PlaceMaxLength).IsRequired();
        builder.Property(m => m.CreatedBy).HasMaxLength(256);
        builder.HasIndex(m => new { m.State, m.OrderDeadline });
        builder.HasIndex(m => new { m.UnitId, m.OrderDeadline });
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(m => m.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActivityCategory>().WithMany().HasForeignKey(m => m.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Topic>().WithMany().HasForeignKey(m => m.TopicId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(m => m.TeacherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Activity>().WithMany().HasForeignKey(m => m.ActivityId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MenuOrderConfiguration : IEntityTypeConfiguration<MenuOrder>
{
    public void Configure(EntityTypeBuilder<MenuOrder> builder)
    {
        builder.Property(o => o.State).HasConversion<int>();
        // One live order per person and item, kept by the database under any race.
        builder.HasIndex(o => new { o.MenuItemId, o.PersonId }).IsUnique().HasFilter("\"State\" = 1")
            .HasDatabaseName("IX_MenuOrders_OneLivePerItem");
        builder.HasIndex(o => new { o.PersonId, o.OrderedAt });
        builder.HasOne<MenuItem>().WithMany().HasForeignKey(o => o.MenuItemId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Person>().WithMany().HasForeignKey(o => o.PersonId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class ActivitySeriesConfiguration : IEntityTypeConfiguration<ActivitySeries>
{
    public void Configure(EntityTypeBuilder<ActivitySeries> builder)
    {
        builder.Property(s => s.Frequency).HasConversion<int>();
        builder.Property(s => s.Weekday).HasConversion<int?>();
        builder.Property(s => s.Title).HasMaxLength(ActivitySeries.TitleMaxLength).IsRequired();
        builder.Property(s => s.Place).HasMaxLength(Activity.PlaceMaxLength).IsRequired();
        builder.Property(s => s.CreatedBy).HasMaxLength(256);
        builder.HasIndex(s => s.UnitId);
        builder.HasOne<OrgUnit>().WithMany().HasForeignKey(s => s.UnitId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<ActivityCategory>().WithMany().HasForeignKey(s => s.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Teacher>().WithMany().HasForeignKey(s => s.TeacherId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Topic>().WithMany().HasForeignKey(s => s.TopicId).OnDelete(DeleteBehavior.Restrict);
    }
}
