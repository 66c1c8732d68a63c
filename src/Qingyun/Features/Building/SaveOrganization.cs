using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Building;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Building;

/// <summary>
/// Registers a non-public enterprise or social organization in a unit's area, or edits one. A change of
/// building status and of the members added is written to the organization's history with who and when;
/// the change of members is dated, so a year's progress counts only what was added in that year.
/// </summary>
public static class SaveOrganization
{
    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock)
    {
        /// <summary>Creates (id null) or edits. On edit an empty contact phone keeps the stored one: it is never sent back in clear.</summary>
        public async Task<Result<NewOrganization>> Handle(Guid? id, OrganizationInput input, CancellationToken ct)
        {
            NewOrganization? org = null;
            if (id is not null)
            {
                org = await db.NewOrganizations.FirstOrDefaultAsync(o => o.Id == id, ct);
                if (org is null)
                {
                    return Failure.NotFound("Id");
                }
                var current = await db.UnitForAsync(org.UnitId, Permission.PeopleManage, "Id", ct);
                if (!current.Ok)
                {
                    return Result<NewOrganization>.Fail(current.Failures);
                }
            }
            var unit = await db.UnitForAsync(input.UnitId, Permission.PeopleManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<NewOrganization>.Fail(unit.Failures);
            }
            var now = clock.GetUtcNow();
            var today = now.ChinaDate();
            var check = input.Check(today);
            var failures = check.Failures.ToList();
            if (unit.Value!.IsClosed && org?.UnitId != unit.Value.Id)
            {
                failures.Add(new Failure("UnitId", "UnitClosed", 409));
            }
            if (check.Value?.LeagueUnitId is { } leagueUnitId)
            {
                // The League unit built there must be one the caller can see: a link out of scope is refused, not stored.
                var league = await db.UnitForAsync(leagueUnitId, Permission.PeopleRead, "LeagueUnitId", ct);
                failures.AddRange(league.Failures);
            }
            if (check.Value is { } c && await db.NewOrganizations.IgnoreQueryFilters().AnyAsync(o => o.CreditCode == c.CreditCode && o.Id != id, ct))
            {
                // Said the same whether the other record is in scope or not: nothing about it leaks.
                failures.Add(new Failure("CreditCode", "DuplicateCreditCode", 409, c.CreditCode));
            }
            if (failures.Count > 0)
            {
                return Result<NewOrganization>.Fail(failures);
            }

            var v = check.Value!;
            var isNew = org is null;
            org ??= new NewOrganization { CreatedAt = now, Status = input.Status };
            var before = (org.Status, org.BuiltOn, org.MembersAdded, org.UnitId);
            org.UnitId = unit.Value.Id;
            org.Kind = input.Kind;
            org.Name = v.Name;
            org.CreditCode = v.CreditCode;
            org.Address = v.Address;
            org.ContactName = v.ContactName;
            if (v.ContactPhone is not null)
            {
                org.ContactPhoneCipher = sensitive.Encrypt(v.ContactPhone);
                org.ContactPhoneMasked = ContactPhone.Mask(v.ContactPhone);
            }
            else if (isNew)
            {
                org.ContactPhoneCipher = null;
                org.ContactPhoneMasked = null;
            }
            org.StaffCount = v.StaffCount;
            org.YoungStaffCount = v.YoungStaffCount;
            org.HasPartyOrganization = input.HasPartyOrganization;
            org.Status = input.Status;
            org.BuiltOn = v.BuiltOn;
            org.LeagueUnitId = v.LeagueUnitId;
            org.MembersAdded = v.MembersAdded;
            org.UpdatedAt = now;

            NewOrganizationEvent Event(NewOrganizationEventKind kind, string? from, string? to, int? delta = null, DateOnly? on = null) => new()
            {
                OrganizationId = org.Id, UnitId = org.UnitId, Kind = kind, Before = from, After = to, MembersDelta = delta,
                On = on ?? today, ByUserName = db.Scope.UserName, At = now,
            };
            if (isNew)
            {
                db.NewOrganizations.Add(org);
                // Members already added when the record is first entered count for the year the League
                // organization was built (or, not built yet, the year they are entered).
                db.NewOrganizationEvents.Add(Event(NewOrganizationEventKind.Created, null, org.Status.ToString(),
                    org.MembersAdded > 0 ? org.MembersAdded : null, org.MembersAdded > 0 ? org.BuiltOn ?? today : today));
            }
            else
            {
                if (before.Status != org.Status)
                {
                    db.NewOrganizationEvents.Add(Event(NewOrganizationEventKind.StatusChanged, before.Status.ToString(), org.Status.ToString()));
                }
                if (before.BuiltOn != org.BuiltOn && org.BuiltOn is not null)
                {
                    db.NewOrganizationEvents.Add(Event(NewOrganizationEventKind.Edited, before.BuiltOn?.ShowDate(), org.BuiltOn.Value.ShowDate()));
                }
                if (before.MembersAdded != org.MembersAdded)
                {
                    db.NewOrganizationEvents.Add(Event(NewOrganizationEventKind.MembersAdded, before.MembersAdded.ToString(System.Globalization.CultureInfo.InvariantCulture),
                        org.MembersAdded.ToString(System.Globalization.CultureInfo.InvariantCulture), org.MembersAdded - before.MembersAdded));
                }
                if (before.UnitId != org.UnitId)
                {
                    var from = await db.OrgUnits.Where(u => u.Id == before.UnitId).Select(u => u.Name).FirstOrDefaultAsync(ct);
                    db.NewOrganizationEvents.Add(Event(NewOrganizationEventKind.Edited, from, unit.Value.Name));
                }
            }
            await db.SaveChangesAsync(ct);
            return org;
        }
    }
}

/// <summary>Records a step of building (未建 → 联系中 → 已建团), the date built and the members added, keeping the rest.</summary>
public static class ChangeBuildingStatus
{
    public sealed record Command(Guid Id, BuildingStatus Status, DateOnly? BuiltOn, Guid? LeagueUnitId, int? MembersAdded);

    public sealed class Handler(AppDbContext db, SaveOrganization.Handler save)
    {
        public async Task<Result<NewOrganization>> Handle(Command c, CancellationToken ct)
        {
            var org = await db.NewOrganizations.AsNoTracking().FirstOrDefaultAsync(o => o.Id == c.Id, ct);
            if (org is null)
            {
                return Failure.NotFound("Id");
            }
            var input = new OrganizationInput(org.UnitId, org.Kind, org.Name, org.CreditCode, org.Address, org.ContactName, null,
                org.StaffCount, org.YoungStaffCount, org.HasPartyOrganization, c.Status, c.BuiltOn, c.LeagueUnitId, c.MembersAdded ?? org.MembersAdded);
            return await save.Handle(c.Id, input, ct);
        }
    }
}
