using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Certificates;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Recognition;

/// <summary>表彰: a unit records the commendation it gave a volunteer — title, date and a note.</summary>
public static class RecordCommendation
{
    public const int NoteMaxLength = 500;

    public sealed record Command(Guid? UnitId, string? VolunteerNumber, string? Title, DateOnly? AwardedOn, string? Note);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Commendation>> Handle(Command c, CancellationToken ct)
        {
            var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Commendation>.Fail(unit.Failures);
            }
            var now = clock.GetUtcNow();
            var failures = new List<Failure>();
            var title = IssueCertificate.Text(c.Title, "CommendationTitle", Commendation.TitleMaxLength, multiline: false, failures);
            string? note = null;
            if (!string.IsNullOrWhiteSpace(c.Note))
            {
                note = IssueCertificate.Text(c.Note, "Note", NoteMaxLength, multiline: true, failures);
            }
            if (c.AwardedOn is not { } on)
            {
                failures.Add(Failure.Required("AwardedOn"));
            }
            else if (on > now.ChinaDate())
            {
                failures.Add(new Failure("AwardedOn", "DateInFuture"));
            }
            else if (on.Year < 1950)
            {
                failures.Add(new Failure("AwardedOn", "DateTooEarly", 400, 1950));
            }
            var volunteer = await RecognitionVolunteers.FindAsync(db, c.VolunteerNumber, unit.Value!, ct);
            failures.AddRange(volunteer.Failures);
            if (failures.Count > 0)
            {
                return Result<Commendation>.Fail(failures);
            }
            var commendation = new Commendation
            {
                VolunteerId = volunteer.Value!.Id, UnitId = unit.Value!.Id, Title = title!, AwardedOn = c.AwardedOn!.Value, Note = note,
                RecordedAt = now, RecordedBy = db.Scope.UserName ?? "",
            };
            db.Commendations.Add(commendation);
            await db.SaveChangesAsync(ct);
            return commendation;
        }
    }
}
