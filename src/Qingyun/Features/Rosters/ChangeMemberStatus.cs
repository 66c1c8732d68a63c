using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Rosters;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>Records a change of 团籍 status (e.g. 流动, 离团) or of student standing, kept in the history.</summary>
public static class ChangeMemberStatus
{
    public sealed record Command(Guid Id, MemberStatus Status, bool IsStudent);

    public sealed class Handler(AppDbContext db, TimeProvider clock)
    {
        public async Task<Result<Membership>> Handle(Command c, CancellationToken ct)
        {
            var m = await db.Memberships.FirstOrDefaultAsync(x => x.Id == c.Id, ct);
            if (m is null)
            {
                return Failure.NotFound("Id");
            }
            var unit = await db.UnitForAsync(m.UnitId, Permission.PeopleManage, "Id", ct);
            if (!unit.Ok)
            {
                return Result<Membership>.Fail(unit.Failures);
            }
            if (!Enum.IsDefined(c.Status))
            {
                return new Failure("Status", "InvalidChoice");
            }
            var now = clock.GetUtcNow();
            if (m.Status != c.Status)
            {
                db.MembershipEvents.Add(new MembershipEvent
                {
                    MembershipId = m.Id, UnitId = m.UnitId, Kind = MembershipEventKind.StatusChanged,
                    Before = m.Status.ToString(), After = c.Status.ToString(), ByUserName = db.Scope.UserName, At = now,
                });
                m.Status = c.Status;
            }
            if (m.IsStudent != c.IsStudent)
            {
                db.MembershipEvents.Add(new MembershipEvent
                {
                    MembershipId = m.Id, UnitId = m.UnitId, Kind = MembershipEventKind.Edited,
                    Before = m.IsStudent ? "Student" : "NotStudent", After = c.IsStudent ? "Student" : "NotStudent", ByUserName = db.Scope.UserName, At = now,
                });
                m.IsStudent = c.IsStudent;
            }
            m.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return m;
        }
    }
}
