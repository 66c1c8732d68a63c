using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>The organizer's side of 项目 → 活动 → 岗位: create, publish, cancel.</summary>
public sealed class ActivityDesk(AppDbContext db, TimeProvider clock)
{
    public const int MaxActivityDays = 7;

    public sealed record ProjectCommand(Guid? UnitId, string? Name, ServiceArea Area, string? Description, DateOnly? StartsOn, DateOnly? EndsOn);

    public sealed record ActivityCommand(Guid? ProjectId, string? Title, string? Description, string? Place, DateTimeOffset? StartsAt, DateTimeOffset? EndsAt,
        string? ContactName, string? ContactPhone);

    public sealed record PositionCommand(Guid ActivityId, string? Name, string? Duty, int? Quota, Skill Skills, int? MinimumAge, bool NeedsApproval, Guid? RequiredCourseId);

    public async Task<Result<ServiceProject>> CreateProjectAsync(ProjectCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<ServiceProject>.Fail(unit.Failures);
        }
        var f = new List<Failure>();
        var name = Text(c.Name, "ProjectName", ServiceProject.NameMaxLength, true, f);
        var description = Text(c.Description, "Description", ServiceProject.DescriptionMaxLength, false, f);
        if (c.Area == ServiceArea.None || !Enum.IsDefined(c.Area))
        {
            f.Add(new Failure("Area", "InvalidChoice"));
        }
        if (c.StartsOn is null)
        {
            f.Add(Failure.Required("StartsOn"));
        }
        if (c.EndsOn is null)
        {
            f.Add(Failure.Required("EndsOn"));
        }
        else if (c.StartsOn is { } s && c.EndsOn < s)
        {
            f.Add(new Failure("EndsOn", "EndsAfterStart"));
        }
        if (f.Count > 0)
        {
            return Result<ServiceProject>.Fail(f);
        }
        var p = new ServiceProject
        {
            UnitId = unit.Value!.Id, Name = name!, Area = c.Area, Description = description, StartsOn = c.StartsOn!.Value, EndsOn = c.EndsOn!.Value,
            State = ProjectState.Published, CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName,
        };
        db.ServiceProjects.Add(p);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<Result<ServiceProject>> CloseProjectAsync(Guid id, CancellationToken ct)
    {
        var p = await db.OwnedAsync(db.ServiceProjects, x => x.Id == id, Permission.ServiceManage, ct);
        if (!p.Ok)
        {
            return p;
        }
        p.Value!.State = ProjectState.Closed;
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<Result<Activity>> CreateActivityAsync(ActivityCommand c, CancellationToken ct)
    {
        var project = await db.OwnedAsync(db.ServiceProjects, x => x.Id == c.ProjectId, Permission.ServiceManage, ct);
        if (!project.Ok)
        {
            return Result<Activity>.Fail(project.Failures);
        }
        if (project.Value!.State == ProjectState.Closed)
        {
            return new Failure("ProjectId", "ProjectClosed", 409);
        }
        var f = new List<Failure>();
        var title = Text(c.Title, "Title", Activity.TitleMaxLength, true, f);
        var place = Text(c.Place, "Place", Activity.PlaceMaxLength, true, f);
        var description = Text(c.Description, "Description", Activity.DescriptionMaxLength, false, f);
        var contact = Text(c.ContactName, "ContactName", Domain.People.Person.NameMaxLength, false, f);
        string? phone = null;
        if (!string.IsNullOrWhiteSpace(c.ContactPhone) && !Domain.People.Phone.TryNormalize(c.ContactPhone, out phone))
        {
            f.Add(new Failure("ContactPhone", "PhonePattern"));
        }
        CheckTimes(c.StartsAt, c.EndsAt, project.Value, f);
        if (f.Count > 0)
        {
            return Result<Activity>.Fail(f);
        }
        var a = new Activity
        {
            UnitId = project.Value.UnitId, ProjectId = project.Value.Id, Kind = ActivityKind.VolunteerService, Title = title!, Place = place!, Description = description,
            StartsAt = c.StartsAt!.Value.ToUniversalTime(), EndsAt = c.EndsAt!.Value.ToUniversalTime(), ContactName = contact, ContactPhone = phone,
            CheckInSecret = RandomNumberGenerator.GetBytes(32), CreatedAt = clock.GetUtcNow(), CreatedBy = db.Scope.UserName,
        };
        db.Activities.Add(a);
        await db.SaveChangesAsync(ct);
        return a;
    }

    private void CheckTimes(DateTimeOffset? starts, DateTimeOffset? ends, ServiceProject project, List<Failure> f)
    {
        if (starts is null)
        {
            f.Add(Failure.Required("StartsAt"));
        }
        if (ends is null)
        {
            f.Add(Failure.Required("EndsAt"));
        }
        if (starts is not { } s || ends is not { } e)
        {
            return;
        }
        if (e <= s)
        {
            f.Add(new Failure("EndsAt", "EndsAfterStart"));
        }
        else if (e - s > TimeSpan.FromDays(MaxActivityDays))
        {
            f.Add(new Failure("EndsAt", "ActivityTooLong", 400, MaxActivityDays));
        }
        if (s <= clock.GetUtcNow())
        {
            f.Add(new Failure("StartsAt", "MustBeFuture"));
        }
        if (s.ChinaDate() < project.StartsOn || e.ChinaDate() > project.EndsOn)
        {
            f.Add(new Failure("StartsAt", "OutsideProjectDates", 400, project.StartsOn.ShowDate(), project.EndsOn.ShowDate()));
        }
    }

    public async Task<Result<Position>> AddPositionAsync(PositionCommand c, CancellationToken ct)
    {
        var activity = await db.OwnedAsync(db.Activities, x => x.Id == c.ActivityId, Permission.ServiceManage, ct);
        if (!activity.Ok)
        {
            return Result<Position>.Fail(activity.Failures);
        }
        if (activity.Value!.State == ActivityState.Cancelled || activity.Value.EndsAt <= clock.GetUtcNow())
        {
            return new Failure("ActivityId", "ActivityOver", 409);
        }
        var f = new List<Failure>();
        var name = Text(c.Name, "PositionName", Position.NameMaxLength, true, f);
        var duty = Text(c.Duty, "Duty", Position.DutyMaxLength, false, f);
        if (c.Quota is null)
        {
            f.Add(Failure.Required("Quota"));
        }
        else if (c.Quota is < 1 or > Position.MaxQuota)
        {
            f.Add(new Failure("Quota", "OutOfRange", 400, 1, Position.MaxQuota));
        }
        if (c.MinimumAge is { } age && (age < Volunteer.MinimumAge || age > 80))
        {
            f.Add(new Failure("MinimumAge", "OutOfRange", 400, Volunteer.MinimumAge, 80));
        }
        if ((c.Skills & ~Enum.GetValues<Skill>().Aggregate((a, b) => a | b)) != 0)
        {
            f.Add(new Failure("Skills", "InvalidChoice"));
        }
        if (c.RequiredCourseId is { } course && !await db.Courses.AnyAsync(x => x.Id == course, ct))
        {
            f.Add(Failure.NotFound("RequiredCourseId"));
        }
        if (f.Count > 0)
        {
            return Result<Position>.Fail(f);
        }
        var p = new Position
        {
            ActivityId = activity.Value.Id, UnitId = activity.Value.UnitId, Name = name!, Duty = duty, Quota = c.Quota!.Value, RequiredSkills = c.Skills,
            MinimumAge = c.MinimumAge, NeedsApproval = c.NeedsApproval, RequiredCourseId = c.RequiredCourseId,
        };
        db.Positions.Add(p);
        await db.SaveChangesAsync(ct);
        return p;
    }

    public async Task<Result<Activity>> PublishAsync(Guid id, CancellationToken ct)
    {
        var a = await db.OwnedAsync(db.Activities, x => x.Id == id, Permission.ServiceManage, ct);
        if (!a.Ok)
        {
            return a;
        }
        if (a.Value!.State != ActivityState.Draft)
        {
            return new Failure("State", "NotADraft", 409);
        }
        if (!await db.Positions.AnyAsync(p => p.ActivityId == id, ct))
        {
            return new Failure("Positions", "NeedsAPosition", 409);
        }
        a.Value.State = ActivityState.Published;
        a.Value.PublishedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return a;
    }

    /// <summary>Cancels an activity that has not ended; everyone with a live sign-up is told.</summary>
    public async Task<Result<Activity>> CancelAsync(Guid id, string? reason, CancellationToken ct)
    {
        var a = await db.OwnedAsync(db.Activities, x => x.Id == id, Permission.ServiceManage, ct);
        if (!a.Ok)
        {
            return a;
        }
        var f = new List<Failure>();
        var why = Text(reason, "Reason", 500, true, f);
        if (f.Count > 0)
        {
            return Result<Activity>.Fail(f);
        }
        var now = clock.GetUtcNow();
        if (a.Value!.State == ActivityState.Cancelled || a.Value.EndsAt <= now)
        {
            return new Failure("State", "ActivityOver", 409);
        }
        a.Value.State = ActivityState.Cancelled;
        a.Value.CancelledAt = now;
        a.Value.CancelReason = why;
        var live = await db.SignUps.Where(s => s.ActivityId == id && (s.State == SignUpState.Pending || s.State == SignUpState.Confirmed || s.State == SignUpState.Waitlisted)).ToListAsync(ct);
        var cards = await VolunteerDirectory.CardsAsync(db, live.Select(s => s.VolunteerId), ct);
        foreach (var s in live)
        {
            s.State = SignUpState.Cancelled;
            s.DecidedAt = now;
            s.DecidedBy = db.Scope.UserName;
            s.Note = why;
            db.TellPerson(cards[s.VolunteerId].PersonId, a.Value.UnitId, NoticeKind.ActivityCancelled, $"/serve/activities/{id}", now, a.Value.Title, why!);
        }
        await db.Positions.Where(p => p.ActivityId == id).ExecuteUpdateAsync(u => u.SetProperty(p => p.Taken, 0), ct);
        await db.SaveChangesAsync(ct);
        return a;
    }

    internal static string? Text(string? value, string field, int max, bool required, List<Failure> f)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            if (required)
            {
                f.Add(Failure.Required(field));
            }
            return null;
        }
        if (v.Length > max)
        {
            f.Add(Failure.TooLong(field, max));
            return null;
        }
        if (v.Any(ch => char.IsControl(ch) && ch is not '\n' and not '\r'))
        {
            f.Add(new Failure(field, "ControlCharacters"));
            return null;
        }
        return v;
    }
}
