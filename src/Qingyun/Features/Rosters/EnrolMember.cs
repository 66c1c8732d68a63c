using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Rosters;

/// <summary>
/// Puts a person on a branch's roster. The person is found by ID number (one person per human) or
/// registered on the spot; a person already on any roster is refused — moving them is a transfer.
/// </summary>
public static class EnrolMember
{
    public sealed record Command(PersonInput Person, string? MemberNumber, DateOnly? JoinedOn, MemberStatus Status, bool IsStudent);

    public sealed class Handler(AppDbContext db, SensitiveData sensitive, SavePerson.Handler savePerson, TimeProvider clock)
    {
        public async Task<Result<Membership>> Handle(Command c, CancellationToken ct)
        {
            var unit = await db.UnitForAsync(c.Person.UnitId, Permission.PeopleManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Membership>.Fail(unit.Failures);
            }
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var number = (c.MemberNumber ?? "").Trim();
            var failures = MemberInput.CheckNumber(number).Concat(MemberInput.CheckStatus(c.Status)).ToList();
            if (unit.Value!.IsClosed)
            {
                failures.Add(new Failure("UnitId", "ParentClosed", 409));
            }
            Person? existing = null;
            if (IdNumber.TryParse(c.Person.IdNumber, today, out var id, out _))
            {
                failures.AddRange(MemberInput.CheckJoined(c.JoinedOn, id.BirthDate, today));
                var index = sensitive.IdNumberIndex(id.Value);
                existing = await db.People.IgnoreQueryFilters().FirstOrDefaultAsync(p => p.IdNumberIndex == index, ct);
                // Outside the caller's scope nothing more is said than "registered elsewhere".
                if (existing is not null && !await db.People.AnyAsync(p => p.Id == existing.Id, ct))
                {
                    failures.Add(new Failure("IdNumber", "PersonElsewhere", 409));
                }
                else if (existing is not null && await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.PersonId == existing.Id, ct))
                {
                    failures.Add(new Failure("IdNumber", "AlreadyMember", 409));
                }
            }
            if (number.Length > 0 && await db.Memberships.IgnoreQueryFilters().AnyAsync(m => m.MemberNumber == number, ct))
            {
                failures.Add(new Failure("MemberNumber", "DuplicateMemberNumber", 409, number));
            }
            if (failures.Count > 0)
            {
                // The person's own rules (name, ID checksum, phone) are reported together with these.
                var personCheck = c.Person.Check(today);
                return Result<Membership>.Fail([.. personCheck.Failures, .. failures]);
            }

            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var person = await savePerson.Handle(existing?.Id, c.Person with { PoliticalStatus = PoliticalStatus.LeagueMember }, ct);
            if (!person.Ok)
            {
                return Result<Membership>.Fail(person.Failures);
            }
            var membership = new Membership
            {
                PersonId = person.Value!.Id,
                UnitId = unit.Value.Id,
                MemberNumber = number,
                JoinedOn = c.JoinedOn!.Value,
                JoinedUnitId = unit.Value.Id,
                JoinedUnitName = unit.Value.Name,
                Status = c.Status,
                IsStudent = c.IsStudent,
                CreatedAt = now,
                UpdatedAt = now,
            };
            db.Memberships.Add(membership);
            db.MembershipEvents.Add(new MembershipEvent
            {
                MembershipId = membership.Id, UnitId = unit.Value.Id, Kind = MembershipEventKind.Joined,
                After = $"{unit.Value.Name} · {number}", ByUserName = db.Scope.UserName, At = now,
            });
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            return membership;
        }
    }
}
