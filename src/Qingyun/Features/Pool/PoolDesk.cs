using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.People;
using Qingyun.Features.Volunteering;
using Qingyun.Security;

namespace Qingyun.Features.Pool;

/// <summary>
/// The teacher and topic pool (三优): a unit keeps its teachers and topics; units below draw on them. Rows are
/// archived, never deleted, because activities and series keep pointing at them. A teacher's phone is kept
/// the way a person's is: encrypted, with only the masked form ever shown.
/// </summary>
public sealed class PoolDesk(AppDbContext db, SensitiveData sensitive, TimeProvider clock)
{
    public const int MinDuration = 10;
    public const int MaxDuration = 24 * 60;

    /// <param name="Phone">Null or blank keeps the phone on file (on an edit); <paramref name="ClearPhone"/> removes it.</param>
    public sealed record TeacherCommand(Guid? UnitId, string? Name, TeacherSource Source, string? Institution, string? Expertise, string? Phone, bool ClearPhone = false);

    public sealed record TopicCommand(Guid? UnitId, string? Title, string? Description, int? DurationMinutes, Guid? CategoryId, Guid? TeacherId);

    public async Task<Result<Teacher>> CreateTeacherAsync(TeacherCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Teacher>.Fail(unit.Failures);
        }
        var teacher = new Teacher { UnitId = unit.Value!.Id, CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName };
        var f = Apply(teacher, c);
        if (f.Count > 0)
        {
            return Result<Teacher>.Fail(f);
        }
        db.Teachers.Add(teacher);
        await db.SaveChangesAsync(ct);
        return teacher;
    }

    public async Task<Result<Teacher>> EditTeacherAsync(Guid id, TeacherCommand c, CancellationToken ct)
    {
        var teacher = await db.OwnedAsync(db.Teachers, t => t.Id == id, Permission.ServiceManage, ct);
        if (!teacher.Ok)
        {
            return teacher;
        }
        if (teacher.Value!.ArchivedAt is not null)
        {
            return new Failure("Id", "Archived", 409);
        }
        var f = Apply(teacher.Value, c);
        if (f.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<Teacher>.Fail(f);
        }
        await db.SaveChangesAsync(ct);
        return teacher;
    }

    public async Task<Result<Teacher>> ArchiveTeacherAsync(Guid id, CancellationToken ct)
    {
        var teacher = await db.OwnedAsync(db.Teachers, t => t.Id == id, Permission.ServiceManage, ct);
        if (teacher.Ok && teacher.Value!.ArchivedAt is null)
        {
            teacher.Value.ArchivedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return teacher;
    }

    public async Task<Result<Topic>> CreateTopicAsync(TopicCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Topic>.Fail(unit.Failures);
        }
        var topic = new Topic { UnitId = unit.Value!.Id, CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName };
        var f = await ApplyAsync(topic, c, ct);
        if (f.Count > 0)
        {
            return Result<Topic>.Fail(f);
        }
        db.Topics.Add(topic);
        await db.SaveChangesAsync(ct);
        return topic;
    }

    public async Task<Result<Topic>> EditTopicAsync(Guid id, TopicCommand c, CancellationToken ct)
    {
        var topic = await db.OwnedAsync(db.Topics, t => t.Id == id, Permission.ServiceManage, ct);
        if (!topic.Ok)
        {
            return topic;
        }
        if (topic.Value!.ArchivedAt is not null)
        {
            return new Failure("Id", "Archived", 409);
        }
        var f = await ApplyAsync(topic.Value, c, ct);
        if (f.Count > 0)
        {
            db.ChangeTracker.Clear();
            return Result<Topic>.Fail(f);
        }
        await db.SaveChangesAsync(ct);
        return topic;
    }

    public async Task<Result<Topic>> ArchiveTopicAsync(Guid id, CancellationToken ct)
    {
        var topic = await db.OwnedAsync(db.Topics, t => t.Id == id, Permission.ServiceManage, ct);
        if (topic.Ok && topic.Value!.ArchivedAt is null)
        {
            topic.Value.ArchivedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }
        return topic;
    }

    private List<Failure> Apply(Teacher teacher, TeacherCommand c)
    {
        var f = new List<Failure>();
        var name = ActivityDesk.Text(c.Name, "TeacherName", Teacher.NameMaxLength, true, f);
        var institution = ActivityDesk.Text(c.Institution, "Institution", Teacher.InstitutionMaxLength, false, f);
        var expertise = ActivityDesk.Text(c.Expertise, "Expertise", Teacher.ExpertiseMaxLength, false, f);
        if (!Enum.IsDefined(c.Source))
        {
            f.Add(new Failure("TeacherSource", "InvalidChoice"));
        }
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(c.Phone) && !Phone.TryNormalize(c.Phone, out phone))
        {
            f.Add(new Failure("Phone", "PhonePattern"));
        }
        if (c.Source == TeacherSource.Institution && institution is null && f.Count == 0)
        {
            f.Add(new Failure("Institution", "InstitutionRequired"));
        }
        if (f.Count > 0)
        {
            return f;
        }
        teacher.Name = name!;
        teacher.Source = c.Source;
        teacher.Institution = institution;
        teacher.Expertise = expertise;
        if (!string.IsNullOrEmpty(phone))
        {
            teacher.PhoneCipher = Convert.ToBase64String(sensitive.Encrypt(phone));
            teacher.PhoneMasked = Phone.Mask(phone);
        }
        else if (c.ClearPhone)
        {
            teacher.PhoneCipher = null;
            teacher.PhoneMasked = null;
        }
        return f;
    }

    private async Task<List<Failure>> ApplyAsync(Topic topic, TopicCommand c, CancellationToken ct)
    {
        var f = new List<Failure>();
        var title = ActivityDesk.Text(c.Title, "TopicTitle", Topic.TitleMaxLength, true, f);
        var description = ActivityDesk.Text(c.Description, "Description", Topic.DescriptionMaxLength, false, f);
        if (c.DurationMinutes is not { } d)
        {
            f.Add(Failure.Required("DurationMinutes"));
        }
        else if (d is < MinDuration or > MaxDuration)
        {
            f.Add(new Failure("DurationMinutes", "Range", 400, MinDuration, MaxDuration));
        }
        if (c.CategoryId is { } cat && !await db.ActivityCategories.AnyAsync(x => x.Id == cat && x.ArchivedAt == null, ct))
        {
            f.Add(new Failure("CategoryId", "InvalidChoice"));
        }
        if (c.TeacherId is { } tid && !(await PoolChoices.ForUnitAsync(db, topic.UnitId, ct)).HasTeacher(tid))
        {
            f.Add(new Failure("TeacherId", "NotInPool"));
        }
        if (f.Count > 0)
        {
            return f;
        }
        topic.Title = title!;
        topic.Description = description;
        topic.DurationMinutes = c.DurationMinutes!.Value;
        topic.CategoryId = c.CategoryId;
        topic.TeacherId = c.TeacherId;
        return f;
    }
}
