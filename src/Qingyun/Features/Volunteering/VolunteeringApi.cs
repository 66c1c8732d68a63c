using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Infrastructure;
using static Qingyun.Infrastructure.Problems;
using Qingyun.Resources;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

public static partial class VolunteeringSetup
{
    public sealed record ProfileBody(Skill Skills, Availability Availability, ServiceArea Areas, bool SensitiveConsent,
        string? GuardianName, string? GuardianPhone, bool GuardianConsent)
    {
        public RegisterVolunteer.Profile ToProfile() => new(Skills, Availability, Areas, SensitiveConsent, GuardianName, GuardianPhone, GuardianConsent);

        /// <summary>A body without "profile" is a profile with nothing chosen and no consent: refused as such, not a 500.</summary>
        public static RegisterVolunteer.Profile Of(ProfileBody? p) => p?.ToProfile() ?? new(Skill.None, Availability.None, ServiceArea.None, false, null, null, false);
    }

    public sealed record SelfRegisterBody(string? UnitCode, string? Name, string? IdNumber, string? Phone, string? UserName, string? Password, ProfileBody? Profile);

    public sealed record OrganizationRegisterBody(Guid? UnitId, string? Name, string? IdNumber, string? Phone, ProfileBody? Profile);

    public sealed record CheckBody(string? Token, string? Digits, Direction Direction);

    public sealed record ScanBody(string? Token, Direction Direction);

    public sealed record NoteBody(string? Note);

    public sealed record DecisionBody(bool Approve, string? Note);

    public sealed record CheckOutBody(DateTimeOffset? At, string? Note);

    public sealed record ConfirmBody(Guid[]? AttendanceIds);

    public sealed record CorrectionBody(string? Reason, decimal? RightHours);

    public sealed record DisputeBody(string? Reason, decimal? ClaimedHours);

    public sealed record AnswerBody(bool Correct, string? Answer, decimal? RightHours);

    public sealed record TeamBody(Guid? UnitId, string? Name, ServiceArea Areas, string? LeaderName, string? Description);

    public sealed record MemberBody(string? VolunteerNumber);

    public sealed record StatusBody(VolunteerStatus Status);

    public static object VolunteerView(Volunteer v, StarLevels stars) => new
    {
        v.Id, v.Number, v.UnitId, v.Skills, v.Availability, v.ServiceAreas, v.Channel, v.Status, v.RegisteredAt, v.Stars,
        confirmedHours = v.ConfirmedMinutes / 60m, trainingHours = v.TrainingMinutes / 60m, entries = v.EntryCount,
        hoursToNextStar = stars.HoursToNext(v.ConfirmedMinutes), fiveStarNominated = v.FiveStarNominatedAt is not null,
    };

    private static object EntryView(ServiceEntry e) => new
    {
        e.Id, e.VolunteerId, e.UnitId, e.ActivityId, e.Kind, hours = e.Minutes / 60m, e.Minutes, e.ServiceDate, e.Content, e.ReversesEntryId,
        e.Reason, e.RecordedBy, e.RecordedAt, e.Source, e.ExternalId, e.Sequence, e.Hash,
    };

    private static object ActivityView(Activity a) => new
    {
        a.Id, a.UnitId, a.ProjectId, a.Kind, a.Title, a.Description, a.Place, a.StartsAt, a.EndsAt, a.State, a.ContactName, a.PublishedAt, a.CancelReason,
    };

    private static object PositionView(Position p) => new
    {
        p.Id, p.ActivityId, p.Name, p.Duty, p.Quota, p.Taken, free = Math.Max(0, p.Quota - p.Taken), p.RequiredSkills, p.MinimumAge, p.NeedsApproval, p.RequiredCourseId,
    };

    public static WebApplication MapVolunteeringApi(this WebApplication app)
    {
        // Volunteers
        var volunteers = app.MapGroup("/api/v1/volunteers").WithTags("Volunteering");
        volunteers.MapPost("/register", async (SelfRegisterBody b, RegisterVolunteer register, StarLevels stars, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await register.SelfAsync(new RegisterVolunteer.SelfCommand(b.UnitCode, b.Name, b.IdNumber, b.Phone, b.UserName, b.Password, ProfileBody.Of(b.Profile)), ct);
            return r.Ok ? Results.Created("/api/v1/me/volunteer", VolunteerView(r.Value!, stars)) : r.Failures.ToProblem(t);
        }).AllowAnonymous().WithName("RegisterAsVolunteer")
          .WithSummary("Self-registration (志愿者注册) from a phone: a new account, person and volunteer. Named unit by its code; under 14 refused; 14–18 need guardian name, phone and consent; consent to sensitive data required.");

        volunteers.MapGet("/", async (string? q, int? stars, Guid? after, AppDbContext db, CancellationToken ct) =>
        {
            var rows = await BrowseVolunteers.ListAsync(db, q, stars, after, 50, ct);
            return Results.Ok(new { items = rows, next = rows.Count == 50 ? rows[^1].Id : (Guid?)null });
        }).RequirePermission(Permission.ServiceRead).WithName("ListVolunteers")
          .WithSummary("Volunteers registered with units in scope; `q` matches name or volunteer number; `stars` the minimum level; keyset paging by `after`.");

        volunteers.MapGet("/{id:guid}", async (Guid id, AppDbContext db, StarLevels stars, CancellationToken ct) =>
        {
            var v = await db.Volunteers.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            return v is null ? Results.NotFound() : Results.Ok(VolunteerView(v, stars));
        }).RequirePermission(Permission.ServiceRead).WithName("GetVolunteer").WithSummary("One volunteer: number, levels, totals (no ID number).");

        volunteers.MapPost("/", async (OrganizationRegisterBody b, RegisterVolunteer register, StarLevels stars, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await register.OrganizationAsync(new RegisterVolunteer.OrganizationCommand(b.UnitId, b.Name, b.IdNumber, b.Phone, ProfileBody.Of(b.Profile)), ct);
            return r.Ok ? Results.Created($"/api/v1/volunteers/{r.Value!.Id}", VolunteerView(r.Value, stars)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("RegisterVolunteerByOrganization")
          .WithSummary("An organization registers a volunteer from a signed paper form; an existing person with the same ID number and name is reused.");

        volunteers.MapGet("/{id:guid}/record", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            if (!await db.Volunteers.AnyAsync(x => x.Id == id, ct))
            {
                return Results.NotFound();
            }
            var lines = await db.ServiceEntries.AsNoTracking().Where(e => e.VolunteerId == id).OrderBy(e => e.Sequence).ToListAsync(ct);
            return Results.Ok(new { items = lines.Select(EntryView) });
        }).RequirePermission(Permission.ServiceRead).WithName("GetVolunteerRecord")
          .WithSummary("The lines of a volunteer's hours record that units in scope recorded, in order.");

        volunteers.MapPost("/{id:guid}/status", async (Guid id, StatusBody b, Teams teams, StarLevels stars, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await teams.SetStatusAsync(id, b.Status, ct), t, v => VolunteerView(v, stars)))
          .RequirePermission(Permission.ServiceManage).WithName("SetVolunteerStatus").WithSummary("Suspend (暂停), close (注销) or restore a registration; the record stays. A suspended volunteer cannot sign up.");

        var teamsApi = app.MapGroup("/api/v1/volunteer-teams").WithTags("Volunteering");
        teamsApi.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = await db.VolunteerTeams.AsNoTracking().Where(x => x.DissolvedAt == null).OrderBy(x => x.Name).Take(500).ToListAsync(ct) }))
          .RequirePermission(Permission.ServiceRead).WithName("ListVolunteerTeams").WithSummary("Volunteer teams (志愿服务队) of units in scope.");
        teamsApi.MapPost("/", async (TeamBody b, Teams teams, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await teams.CreateAsync(b.UnitId, b.Name, b.Areas, b.LeaderName, b.Description, ct);
            return r.Ok ? Results.Created($"/api/v1/volunteer-teams/{r.Value!.Id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("CreateVolunteerTeam").WithSummary("A team belonging to a unit; names are unique per unit.");
        teamsApi.MapGet("/{id:guid}/members", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            if (!await db.VolunteerTeams.AnyAsync(x => x.Id == id, ct))
            {
                return Results.NotFound();
            }
            var rows = await db.TeamMembers.AsNoTracking().Where(m => m.TeamId == id && m.LeftAt == null).ToListAsync(ct);
            var cards = await VolunteerDirectory.CardsAsync(db, rows.Select(m => m.VolunteerId), ct);
            return Results.Ok(new { items = rows.Select(m => new { m.Id, m.VolunteerId, cards[m.VolunteerId].Name, cards[m.VolunteerId].Number, m.JoinedAt }) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListTeamMembers").WithSummary("The team's current members.");
        teamsApi.MapPost("/{id:guid}/members", async (Guid id, MemberBody b, Teams teams, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await teams.AddAsync(id, b.VolunteerNumber, ct), t, m => new { m.Id, m.TeamId, m.VolunteerId, m.JoinedAt }))
          .RequirePermission(Permission.ServiceManage).WithName("AddTeamMember").WithSummary("A volunteer joins the team by volunteer number (once).");
        teamsApi.MapPost("/members/{id:guid}/leave", async (Guid id, Teams teams, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await teams.RemoveAsync(id, ct), t, m => new { m.Id, m.LeftAt }))
          .RequirePermission(Permission.ServiceManage).WithName("RemoveTeamMember").WithSummary("A member leaves; the membership is kept with its end date.");

        // The signed-in volunteer
        var me = app.MapGroup("/api/v1/me/volunteer").WithTags("Volunteering").RequireAuthorization();
        me.MapGet("/", async (AppDbContext db, StarLevels stars, CancellationToken ct) =>
            await VolunteerDirectory.OwnAsync(db, ct) is { } v ? Results.Ok(VolunteerView(v, stars)) : Results.NotFound())
          .WithName("GetOwnVolunteer").WithSummary("Your volunteer number, star level and totals (read in one row).");
        me.MapPost("/", async (ProfileBody b, RegisterVolunteer register, StarLevels stars, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await register.JoinAsync(b.ToProfile(), ct);
            return r.Ok ? Results.Created("/api/v1/me/volunteer", VolunteerView(r.Value!, stars)) : r.Failures.ToProblem(t);
        }).WithName("JoinVolunteering").WithSummary("A signed-in account with a person (a League member, say) registers as a volunteer.");
        me.MapGet("/record", async (AppDbContext db, CancellationToken ct) =>
        {
            var v = await VolunteerDirectory.OwnAsync(db, ct);
            if (v is null)
            {
                return Results.NotFound();
            }
            var lines = await db.ServiceEntries.IgnoreQueryFilters().AsNoTracking().Where(e => e.VolunteerId == v.Id).OrderBy(e => e.Sequence).ToListAsync(ct);
            return Results.Ok(new { totalHours = v.ConfirmedMinutes / 60m, items = lines.Select(EntryView) });
        }).WithName("GetOwnRecord").WithSummary("Your whole hours record, every line including reversals.");
        me.MapPost("/sign-ups/{positionId:guid}", async (Guid positionId, SignUps signUps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await signUps.SignUpAsync(positionId, ct), t, s => new { s.Id, s.ActivityId, s.PositionId, s.State }))
          .WithName("SignUp").WithSummary("Sign up for a position: a place, the waitlist, or pending the organizer's approval.");
        me.MapPost("/sign-ups/{id:guid}/cancel", async (Guid id, SignUps signUps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await signUps.CancelOwnAsync(id, ct), t, s => new { s.Id, s.State }))
          .WithName("CancelSignUp").WithSummary("Withdraw before the start; your place passes to the first on the waitlist.");
        me.MapPost("/check", async (CheckBody b, AttendanceDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = b.Token is not null ? await desk.ByActivityCodeAsync(b.Token, b.Direction, ct) : await desk.ByDigitsAsync(b.Digits, b.Direction, ct);
            return Answer(r, t, o => new { o.Attendance.Id, o.Attendance.State, o.Attendance.CheckedInAt, o.Attendance.CheckedOutAt, o.Attendance.Minutes, o.ActivityTitle, o.AlreadyRecorded });
        }).WithName("CheckInOrOut").WithSummary("Check in or out with the activity's QR token or its 6-digit code; repeating a check records nothing new.");
        me.MapGet("/code", async (AppDbContext db, CheckInCodes codes, CancellationToken ct) =>
            await VolunteerDirectory.OwnAsync(db, ct) is { } v ? Results.Ok(new { token = codes.PersonalToken(v.Id), validSeconds = CheckInCodes.PersonalStepSeconds }) : Results.NotFound())
          .WithName("GetPersonalCode").WithSummary("Your personal check-in code for the organizer to scan (valid about two minutes).");
        me.MapPost("/disputes/{entryId:guid}", async (Guid entryId, DisputeBody b, HoursRecord hours, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await hours.DisputeAsync(entryId, b.Reason, b.ClaimedHours, ct), t, d => new { d.Id, d.State }))
          .WithName("DisputeEntry").WithSummary("Object to a line of your record; the organizing unit must answer.");

        // Projects and activities
        var projects = app.MapGroup("/api/v1/service-projects").WithTags("Volunteering");
        projects.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = await db.ServiceProjects.AsNoTracking().OrderByDescending(p => p.Id).Take(200).ToListAsync(ct) }))
          .RequirePermission(Permission.ServiceRead).WithName("ListServiceProjects").WithSummary("Volunteer-service projects of units in scope, newest first.");
        projects.MapPost("/", async (ActivityDesk.ProjectCommand b, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateProjectAsync(b, ct);
            return r.Ok ? Results.Created($"/api/v1/service-projects/{r.Value!.Id}", r.Value) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("CreateServiceProject").WithSummary("An organizer unit publishes a project (名称, 服务类别, 起止日期).");
        projects.MapPost("/{id:guid}/close", async (Guid id, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CloseProjectAsync(id, ct), t, p => p)).RequirePermission(Permission.ServiceManage).WithName("CloseServiceProject").WithSummary("No new activities under the project.");
        projects.MapPost("/{id:guid}/activities", async (Guid id, ActivityDesk.ActivityCommand b, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.CreateActivityAsync(b with { ProjectId = id }, ct);
            return r.Ok ? Results.Created($"/api/v1/activities/{r.Value!.Id}", ActivityView(r.Value)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("CreateActivity").WithSummary("An activity of the project: time and place (a draft until published).");

        var activities = app.MapGroup("/api/v1/activities").WithTags("Volunteering");
        activities.MapGet("/open", async (AppDbContext db, TimeProvider clock, CancellationToken ct) =>
            Results.Ok(new { items = (await OpenActivities.ListAsync(db, clock, null, ct)).Select(a => new { activity = ActivityView(a.Activity), positions = a.Positions.Select(PositionView), a.UnitName }) }))
          .RequireAuthorization().WithName("ListOpenActivities").WithSummary("Published activities still to start, for any signed-in volunteer.");
        activities.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = (await db.Activities.AsNoTracking().OrderByDescending(a => a.StartsAt).Take(200).ToListAsync(ct)).Select(ActivityView) }))
          .RequirePermission(Permission.ServiceRead).WithName("ListActivities").WithSummary("Activities organized by units in scope, latest start first.");
        activities.MapGet("/{id:guid}", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            var a = await db.Activities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
            {
                return Results.NotFound();
            }
            var positions = await db.Positions.AsNoTracking().Where(p => p.ActivityId == id).ToListAsync(ct);
            return Results.Ok(new { activity = ActivityView(a), positions = positions.Select(PositionView) });
        }).RequirePermission(Permission.ServiceRead).WithName("GetActivity").WithSummary("An activity with its positions and places taken.");
        activities.MapPost("/{id:guid}/positions", async (Guid id, ActivityDesk.PositionCommand b, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await desk.AddPositionAsync(b with { ActivityId = id }, ct);
            return r.Ok ? Results.Created($"/api/v1/activities/{id}", PositionView(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("AddPosition").WithSummary("A position (岗位): quota, required skills, minimum age, approval, required course.");
        activities.MapPost("/{id:guid}/publish", async (Guid id, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.PublishAsync(id, ct), t, ActivityView)).RequirePermission(Permission.ServiceManage).WithName("PublishActivity").WithSummary("Opens sign-up (needs at least one position).");
        activities.MapPost("/{id:guid}/cancel", async (Guid id, NoteBody b, ActivityDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.CancelAsync(id, b.Note, ct), t, ActivityView)).RequirePermission(Permission.ServiceManage).WithName("CancelActivity").WithSummary("Cancels with a reason; everyone signed up is told.");
        activities.MapGet("/{id:guid}/sign-ups", async (Guid id, AppDbContext db, CancellationToken ct) =>
        {
            // An activity outside the caller's scope is not found (not an empty list), like the other {id} routes.
            if (!await db.Activities.AnyAsync(a => a.Id == id, ct))
            {
                return Results.NotFound();
            }
            var rows = await db.SignUps.AsNoTracking().Where(s => s.ActivityId == id).OrderBy(s => s.PositionId).ThenBy(s => s.Sequence).ToListAsync(ct);
            var cards = await VolunteerDirectory.CardsAsync(db, rows.Select(s => s.VolunteerId), ct);
            return Results.Ok(new { items = rows.Select(s => new { s.Id, s.PositionId, s.VolunteerId, cards[s.VolunteerId].Name, cards[s.VolunteerId].Number, s.State, s.Sequence, s.SignedUpAt, s.Note }) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListSignUps").WithSummary("Sign-ups of an activity by position, in arrival order (the waitlist's order).");
        activities.MapPost("/sign-ups/{id:guid}/decision", async (Guid id, DecisionBody b, SignUps signUps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await signUps.DecideAsync(id, b.Approve, b.Note, ct), t, s => new { s.Id, s.State }))
          .RequirePermission(Permission.ServiceManage).WithName("DecideSignUp").WithSummary("Approve a pending sign-up (a place or the waitlist) or turn it down with a reason.");
        activities.MapPost("/sign-ups/{id:guid}/remove", async (Guid id, NoteBody b, SignUps signUps, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await signUps.RemoveAsync(id, b.Note, ct), t, s => new { s.Id, s.State }))
          .RequirePermission(Permission.ServiceManage).WithName("RemoveSignUp").WithSummary("Take a volunteer off the activity with a reason; the place passes to the waitlist.");
        activities.MapGet("/{id:guid}/code", async (Guid id, AppDbContext db, CheckInCodes codes, HttpRequest request, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var a = await db.OwnedAsync(db.Activities.AsNoTracking(), x => x.Id == id, Permission.ServiceManage, ct);
            if (!a.Ok)
            {
                return a.Failures.ToProblem(t);
            }
            var token = codes.ActivityToken(a.Value!);
            return Results.Ok(new { url = $"{request.Scheme}://{request.Host}{CheckInCodes.CheckPath(a.Value!)}{token}", token, digits = codes.Digits(a.Value!), secondsLeft = codes.SecondsLeft() });
        }).RequirePermission(Permission.ServiceManage).WithName("GetCheckInCode").WithSummary("The current check-in QR link and 6-digit code (they rotate; show them on the organizer's phone).");
        activities.MapPost("/{id:guid}/scan", async (Guid id, ScanBody b, AttendanceDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ByPersonalCodeAsync(b.Token, id, b.Direction, ct), t, o => new { o.Attendance.Id, o.Attendance.State, o.AlreadyRecorded }))
          .RequirePermission(Permission.ServiceManage).WithName("ScanPersonalCode").WithSummary("The organizer checks a volunteer in or out with the volunteer's personal code.");
        activities.MapGet("/{id:guid}/attendance", async (Guid id, AppDbContext db, TimeProvider clock, CancellationToken ct) =>
        {
            var a = await db.Activities.AsNoTracking().FirstOrDefaultAsync(x => x.Id == id, ct);
            if (a is null)
            {
                return Results.NotFound();
            }
            var rows = await db.Attendances.AsNoTracking().Where(x => x.ActivityId == id).OrderBy(x => x.CheckedInAt).ToListAsync(ct);
            var cards = await VolunteerDirectory.CardsAsync(db, rows.Select(x => x.VolunteerId), ct);
            var now = clock.GetUtcNow();
            return Results.Ok(new
            {
                items = rows.Select(x => new
                {
                    x.Id, x.VolunteerId, cards[x.VolunteerId].Name, cards[x.VolunteerId].Number, x.CheckedInAt, x.CheckInMethod, x.CheckedOutAt, x.CheckOutMethod,
                    x.State, x.Minutes, x.Note, missingCheckOut = AttendanceDesk.MissingCheckOut(x, a.EndsAt, now),
                }),
            });
        }).RequirePermission(Permission.ServiceRead).WithName("ListAttendance").WithSummary("Who checked in and out; those who forgot to check out are flagged, not credited.");
        activities.MapPost("/{id:guid}/attendance/confirm", async (Guid id, ConfirmBody b, AttendanceDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.ConfirmAsync(id, b.AttendanceIds, ct), t, n => new { confirmed = n }))
          .RequirePermission(Permission.ServiceManage).WithName("ConfirmHours").WithSummary("Credits checked-out attendance to the hours record (all, or the ids given); each once.");
        activities.MapPost("/attendance/{id:guid}/check-out", async (Guid id, CheckOutBody b, AttendanceDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.SetCheckOutAsync(id, b.At, b.Note, ct), t, x => new { x.Id, x.State, x.Minutes }))
          .RequirePermission(Permission.ServiceManage).WithName("SetCheckOut").WithSummary("The organizer sets a forgotten check-out (with a note; labeled as the organizer's).");
        activities.MapPost("/attendance/{id:guid}/reject", async (Guid id, NoteBody b, AttendanceDesk desk, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await desk.RejectAsync(id, b.Note, ct), t, x => new { x.Id, x.State }))
          .RequirePermission(Permission.ServiceManage).WithName("RejectAttendance").WithSummary("Do not credit an attendance, with a reason.");

        // The hours record
        var records = app.MapGroup("/api/v1/service-records").WithTags("Volunteering");
        records.MapGet("/", async (Guid? before, AppDbContext db, CancellationToken ct) =>
        {
            var q = db.ServiceEntries.AsNoTracking();
            if (before is { } b)
            {
                q = q.Where(e => e.Id.CompareTo(b) < 0);
            }
            return Results.Ok(new { items = (await q.OrderByDescending(e => e.Id).Take(100).ToListAsync(ct)).Select(EntryView) });
        }).RequirePermission(Permission.ServiceRead).WithName("ListServiceRecords").WithSummary("Lines recorded by units in scope, newest first; `before` pages back.");
        records.MapPost("/", async (HoursRecord.ManualCommand b, HoursRecord hours, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
        {
            var r = await hours.ManualAsync(b, ct);
            return r.Ok ? Results.Created($"/api/v1/service-records", EntryView(r.Value!)) : r.Failures.ToProblem(t);
        }).RequirePermission(Permission.ServiceManage).WithName("RecordHoursManually").WithSummary("A manual line (labeled 手工补录) by an organizer for their own unit, with a reason.");
        records.MapPost("/{id:guid}/correction", async (Guid id, CorrectionBody b, HoursRecord hours, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await hours.CorrectAsync(id, b.Reason, b.RightHours, ct), t, EntryView))
          .RequirePermission(Permission.ServiceManage).WithName("CorrectServiceRecord").WithSummary("Reverses a line with a reason (a new line, never an edit); `rightHours` adds the right amount.");
        var disputes = app.MapGroup("/api/v1/disputes").WithTags("Volunteering");
        disputes.MapGet("/", async (AppDbContext db, CancellationToken ct) =>
            Results.Ok(new { items = await db.Disputes.AsNoTracking().OrderByDescending(d => d.Id).Take(200).ToListAsync(ct) }))
          .RequirePermission(Permission.ServiceRead).WithName("ListDisputes").WithSummary("Volunteers' objections to lines recorded by units in scope.");
        disputes.MapPost("/{id:guid}/answer", async (Guid id, AnswerBody b, HoursRecord hours, IStringLocalizer<SharedResource> t, CancellationToken ct) =>
            Answer(await hours.AnswerAsync(id, b.Correct, b.Answer, b.RightHours, ct), t, d => new { d.Id, d.State, d.Answer, d.CorrectionEntryId }))
          .RequirePermission(Permission.ServiceManage).WithName("AnswerDispute").WithSummary("Correct the line or keep it; a reply either way.");
        return app;
    }
}
