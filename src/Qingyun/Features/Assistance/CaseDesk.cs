using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Notices;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.Notices;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Assistance;

/// <summary>
/// Intake (受理), the case's details, its status, its owner and its pairing. Intake needs PeopleManage over
/// the unit (cadres and administrators); the one who takes a case in owns it unless an administrator names
/// another owner. Everything after intake needs the case's owner or CasesManage over its unit.
/// </summary>
public sealed class CaseDesk(AppDbContext db, CaseReader reader, SensitiveData sensitive, TimeProvider clock)
{
    public sealed record IntakeCommand(
        Guid? UnitId, Guid? PersonId, string? Name, string? IdNumber, string? Phone, string? Address,
        AssistanceProgramme? Programme, IReadOnlyList<string>? Categories, CaseNeeds Needs, string? NeedsNote,
        DateOnly? IntakeOn, string? IntakeNote, DateOnly? ConsentOn, string? ConsentBy, string? ConsentRelation);

    public sealed record DetailsCommand(
        AssistanceProgramme? Programme, IReadOnlyList<string>? Categories, CaseNeeds Needs, string? NeedsNote, string? IntakeNote,
        DateOnly? ConsentOn, string? ConsentBy, string? ConsentRelation);

    public const int AdultAge = 18;

    public async Task<Result<AssistanceCase>> IntakeAsync(IntakeCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.PeopleManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<AssistanceCase>.Fail(unit.Failures);
        }
        if (unit.Value!.IsClosed)
        {
            return new Failure("UnitId", "ParentClosed", 409);
        }
        var now = clock.GetUtcNow();
        var today = now.ChinaDate();
        var failures = new List<Failure>();

        // The beneficiary: someone already on file in scope, or a new protected person.
        Person? person = null;
        IdNumber idNumber = default;
        string? phone = null;
        if (c.PersonId is { } personId)
        {
            person = await db.People.FirstOrDefaultAsync(p => p.Id == personId, ct);
            if (person is null)
            {
                return Failure.NotFound("PersonId");
            }
        }
        else
        {
            var name = (c.Name ?? "").Trim();
            if (name.Length == 0)
            {
                failures.Add(Failure.Required("Name") with { Label = "BeneficiaryName" });
            }
            else if (name.Length > Person.NameMaxLength || name.Any(char.IsControl))
            {
                failures.Add(Failure.TooLong("Name", Person.NameMaxLength) with { Label = "BeneficiaryName" });
            }
            if (string.IsNullOrWhiteSpace(c.IdNumber))
            {
                failures.Add(Failure.Required("IdNumber"));
            }
            else if (!Domain.People.IdNumber.TryParse(c.IdNumber, today, out idNumber, out var rule))
            {
                failures.Add(new Failure("IdNumber", rule));
            }
            if (!string.IsNullOrWhiteSpace(c.Phone))
            {
                if (Domain.People.Phone.TryNormalize(c.Phone, out var p))
                {
                    phone = p;
                }
                else
                {
                    failures.Add(new Failure("Phone", "PhonePattern"));
                }
            }
            if (c.Address?.Trim().Length > 200)
            {
                failures.Add(Failure.TooLong("Address", 200));
            }
            if (failures.Count == 0)
            {
                // Someone already on file: take them when the caller may see them, else refuse without saying where.
                var index = sensitive.IdNumberIndex(idNumber.Value);
                var existing = await db.People.IgnoreQueryFilters().Where(p => p.IdNumberIndex == index && p.DeletedAt == null).Select(p => p.Id).FirstOrDefaultAsync(ct);
                if (existing != Guid.Empty)
                {
                    person = await db.People.FirstOrDefaultAsync(p => p.Id == existing, ct);
                    if (person is null)
                    {
                        failures.Add(new Failure("IdNumber", "DuplicateIdNumber", 409));
                    }
                }
                else if (phone is not null && await db.People.IgnoreQueryFilters().AnyAsync(p => p.PhoneIndex == sensitive.PhoneIndex(phone), ct))
                {
                    failures.Add(new Failure("Phone", "DuplicatePhone", 409));
                }
            }
        }
        var birth = person?.BirthDate ?? (failures.Count == 0 && c.PersonId is null ? idNumber.BirthDate : (DateOnly?)null);
        var details = CheckDetails(new DetailsCommand(c.Programme, c.Categories, c.Needs, c.NeedsNote, c.IntakeNote, c.ConsentOn, c.ConsentBy, c.ConsentRelation),
            birth, c.IntakeOn, today, failures);
        if (c.IntakeOn is null)
        {
            failures.Add(Failure.Required("IntakeOn"));
        }
        else if (c.IntakeOn > today)
        {
            failures.Add(new Failure("IntakeOn", "NotInFuture"));
        }
        var categories = await CheckCategoriesAsync(c.Categories, failures, ct);
        if (person is not null && await db.AssistanceCases.IgnoreQueryFilters()
                .AnyAsync(x => x.PersonId == person.Id && x.Programme == c.Programme && x.Status != CaseStatus.Closed, ct))
        {
            failures.Add(new Failure("Programme", "CaseAlreadyOpen", 409));
        }
        if (failures.Count > 0)
        {
            return Result<AssistanceCase>.Fail(failures);
        }

        if (person is null)
        {
            person = new Person
            {
                UnitId = unit.Value.Id, Name = c.Name!.Trim(), Gender = idNumber.Gender, BirthDate = idNumber.BirthDate,
                Address = string.IsNullOrWhiteSpace(c.Address) ? null : c.Address.Trim(),
                IdNumberCipher = sensitive.Encrypt(idNumber.Value), IdNumberIndex = sensitive.IdNumberIndex(idNumber.Value), IdNumberMasked = idNumber.Masked(),
                PhoneCipher = phone is null ? null : sensitive.Encrypt(phone), PhoneIndex = phone is null ? null : sensitive.PhoneIndex(phone),
                PhoneMasked = phone is null ? null : Domain.People.Phone.Mask(phone),
                Protected = true, CreatedAt = now, UpdatedAt = now,
            };
            db.People.Add(person);
        }
        var owner = await db.Users.AsNoTracking().Where(u => u.Id == db.Scope.UserId).Select(u => new { u.Id, u.DisplayName, u.UserName }).FirstAsync(ct);
        var kase = new AssistanceCase
        {
            UnitId = unit.Value.Id, PersonId = person.Id, Programme = c.Programme!.Value, Categories = AssistanceCase.JoinCategories(categories),
            Needs = c.Needs, NeedsNote = details.NeedsNote, IntakeOn = c.IntakeOn!.Value, IntakeNote = details.IntakeNote,
            ConsentOn = c.ConsentOn!.Value, ConsentBy = details.ConsentBy, ConsentRelation = details.ConsentRelation,
            OwnerUserId = owner.Id, OwnerName = owner.DisplayName ?? owner.UserName ?? "",
            CreatedBy = db.Scope.UserName, CreatedAt = now, UpdatedAt = now,
        };
        db.AssistanceCases.Add(kase);
        await db.SaveChangesAsync(ct);
        return kase;
    }

    public async Task<Result<AssistanceCase>> EditAsync(Guid id, DetailsCommand c, CancellationToken ct)
    {
        var open = await EditableAsync(id, ct);
        if (!open.Ok)
        {
            return Result<AssistanceCase>.Fail(open.Failures);
        }
        var (view, kase) = open.Value;
        var failures = new List<Failure>();
        var details = CheckDetails(c, view.Beneficiary.BirthDate, kase.IntakeOn, clock.ChinaToday(), failures);
        var categories = await CheckCategoriesAsync(c.Categories, failures, ct);
        if (failures.Count > 0)
        {
            return Result<AssistanceCase>.Fail(failures);
        }
        kase.Programme = c.Programme!.Value;
        kase.Categories = AssistanceCase.JoinCategories(categories);
        kase.Needs = c.Needs;
        kase.NeedsNote = details.NeedsNote;
        kase.IntakeNote = details.IntakeNote;
        kase.ConsentOn = c.ConsentOn!.Value;
        kase.ConsentBy = details.ConsentBy;
        kase.ConsentRelation = details.ConsentRelation;
        kase.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return kase;
    }

    /// <summary>Open → Active happens on pairing; Active ⇄ Paused; anything → Closed with a reason; a closed case reopens to Open.</summary>
    public async Task<Result<AssistanceCase>> SetStatusAsync(Guid id, CaseStatus? status, string? note, CancellationToken ct)
    {
        var open = await EditableAsync(id, ct, allowClosed: true);
        if (!open.Ok)
        {
            return Result<AssistanceCase>.Fail(open.Failures);
        }
        var kase = open.Value.Case;
        note = note?.Trim();
        if (status is null || !Enum.IsDefined(status.Value))
        {
            return new Failure("Status", "InvalidChoice") { Label = "CaseStatus" };
        }
        if (note?.Length > AssistanceCase.NoteMaxLength)
        {
            return Failure.TooLong("StatusNote", AssistanceCase.NoteMaxLength);
        }
        var today = clock.ChinaToday();
        var allowed = (kase.Status, status.Value) switch
        {
            (CaseStatus.Active, CaseStatus.Paused) or (CaseStatus.Paused, CaseStatus.Active) => true,
            (not CaseStatus.Closed, CaseStatus.Closed) => true,
            (CaseStatus.Closed, CaseStatus.Open) => true,
            _ => false,
        };
        if (!allowed)
        {
            return new Failure("Status", "CaseStatusStep", 409) { Label = "CaseStatus" };
        }
        if (status is CaseStatus.Closed or CaseStatus.Paused && string.IsNullOrEmpty(note))
        {
            return Failure.Required("StatusNote");
        }
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (status == CaseStatus.Closed)
        {
            await EndPairingAsync(kase, today, note, ct);
            kase.ClosedOn = today;
        }
        else if (status == CaseStatus.Open)
        {
            kase.ClosedOn = null;
        }
        kase.Status = status.Value;
        kase.StatusNote = string.IsNullOrEmpty(note) ? null : note;
        kase.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return kase;
    }

    /// <summary>An administrator hands the case to another account that may read people of its unit.</summary>
    public async Task<Result<AssistanceCase>> ChangeOwnerAsync(Guid id, string? userName, CancellationToken ct)
    {
        var open = await EditableAsync(id, ct);
        if (!open.Ok)
        {
            return Result<AssistanceCase>.Fail(open.Failures);
        }
        var (view, kase) = open.Value;
        if (!view.CanManage)
        {
            return Failure.Forbidden("OwnerUserName");
        }
        var name = userName?.Trim();
        if (string.IsNullOrEmpty(name))
        {
            return Failure.Required("OwnerUserName");
        }
        var user = await db.Users.AsNoTracking().Where(u => u.UserName == name && u.DisabledAt == null).Select(u => new { u.Id, u.DisplayName, u.UserName }).FirstOrDefaultAsync(ct);
        var grants = user is null ? [] : await db.Grants.Where(g => g.UserId == user.Id && g.RevokedAt == null)
            .Join(db.OrgUnits.IgnoreQueryFilters(), g => g.UnitId, u => u.Id, (g, u) => new { g.Role, u.Path }).ToListAsync(ct);
        if (user is null || !grants.Any(g => view.UnitPath.StartsWith(g.Path, StringComparison.Ordinal) && Roles.Allows(g.Role, Permission.PeopleRead)))
        {
            return new Failure("OwnerUserName", "OwnerNotInUnit", 400);
        }
        kase.OwnerUserId = user.Id;
        kase.OwnerName = user.DisplayName ?? user.UserName ?? "";
        kase.UpdatedAt = clock.GetUtcNow();
        await db.SaveChangesAsync(ct);
        return kase;
    }

    /// <summary>
    /// Pairs a volunteer (by volunteer number) or a team with the case from a day, ending the pairing before
    /// it: the history stays, the access moves to the new volunteer (or the team's members) at once.
    /// </summary>
    public async Task<Result<CasePairing>> PairAsync(Guid id, string? volunteerNumber, Guid? teamId, DateOnly? startedOn, string? note, CancellationToken ct)
    {
        var open = await EditableAsync(id, ct);
        if (!open.Ok)
        {
            return Result<CasePairing>.Fail(open.Failures);
        }
        var (view, kase) = open.Value;
        var today = clock.ChinaToday();
        var number = volunteerNumber?.Trim();
        if (string.IsNullOrEmpty(number) == (teamId is null))
        {
            return new Failure("VolunteerNumber", "VolunteerOrTeam");
        }
        if (startedOn is null)
        {
            return Failure.Required("PairedOn");
        }
        if (startedOn > today)
        {
            return new Failure("PairedOn", "NotInFuture");
        }
        if (startedOn < kase.IntakeOn)
        {
            return new Failure("PairedOn", "BeforeIntake", 400, kase.IntakeOn.ShowDate());
        }
        if (note?.Trim().Length > AssistanceCase.NoteMaxLength)
        {
            return Failure.TooLong("PairingNote", AssistanceCase.NoteMaxLength);
        }
        var current = await db.CasePairings.FirstOrDefaultAsync(p => p.CaseId == id && p.EndedOn == null, ct);
        if (current is not null && startedOn < current.StartedOn)
        {
            return new Failure("PairedOn", "BeforeCurrentPairing", 400, current.StartedOn.ShowDate());
        }
        List<Guid> persons;
        Guid? volunteerId = null;
        if (!string.IsNullOrEmpty(number))
        {
            // The number is public (志愿者编号); the volunteer may be registered anywhere.
            var v = await db.Volunteers.IgnoreQueryFilters().AsNoTracking().Where(x => x.Number == number)
                .Select(x => new { x.Id, x.PersonId, x.Status }).FirstOrDefaultAsync(ct);
            if (v is null)
            {
                return new Failure("VolunteerNumber", "NotFound", 404);
            }
            if (v.Status != VolunteerStatus.Active)
            {
                return new Failure("VolunteerNumber", "VolunteerNotActive", 409);
            }
            if (v.PersonId == kase.PersonId)
            {
                return new Failure("VolunteerNumber", "PairedWithSelf", 400);
            }
            if (current?.VolunteerId == v.Id)
            {
                return new Failure("VolunteerNumber", "AlreadyPaired", 409);
            }
            volunteerId = v.Id;
            persons = [v.PersonId];
        }
        else
        {
            var team = await db.VolunteerTeams.AsNoTracking().FirstOrDefaultAsync(t => t.Id == teamId, ct);
            if (team is null)
            {
                return Failure.NotFound("TeamId");
            }
            if (current?.TeamId == team.Id)
            {
                return new Failure("TeamId", "AlreadyPaired", 409);
            }
            persons = await db.TeamMembers.IgnoreQueryFilters().Where(m => m.TeamId == team.Id && m.LeftAt == null)
                .Join(db.Volunteers.IgnoreQueryFilters(), m => m.VolunteerId, v => v.Id, (m, v) => v.PersonId).Distinct().ToListAsync(ct);
            if (persons.Count == 0)
            {
                return new Failure("TeamId", "TeamEmpty", 409);
            }
        }
        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await EndPairingAsync(kase, startedOn.Value, note?.Trim(), ct);
        var pairing = new CasePairing
        {
            CaseId = id, UnitId = kase.UnitId, VolunteerId = volunteerId, TeamId = teamId, StartedOn = startedOn.Value,
            ByUserName = db.Scope.UserName, CreatedAt = now,
        };
        db.CasePairings.Add(pairing);
        foreach (var p in persons.Distinct())
        {
            db.CaseAccess.Add(new CaseAccess { CaseId = id, PersonId = p });
            db.TellPerson(p, kase.UnitId, NoticeKind.CasePaired, $"/serve/cases/{id}", now, view.Beneficiary.Name, startedOn.Value.ShowDate());
        }
        if (kase.Status == CaseStatus.Open)
        {
            kase.Status = CaseStatus.Active;
        }
        kase.UpdatedAt = now;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return pairing;
    }

    /// <summary>Ends the live pairing (if any) on a day and takes the access away from its people.</summary>
    private async Task EndPairingAsync(AssistanceCase kase, DateOnly on, string? note, CancellationToken ct)
    {
        var current = await db.CasePairings.FirstOrDefaultAsync(p => p.CaseId == kase.Id && p.EndedOn == null, ct);
        if (current is null)
        {
            return;
        }
        current.EndedOn = on;
        current.EndNote = string.IsNullOrEmpty(note) ? null : note;
        await db.SaveChangesAsync(ct);
        await db.CaseAccess.Where(a => a.CaseId == kase.Id).ExecuteDeleteAsync(ct);
    }

    private async Task<Result<(CaseReader.CaseView View, AssistanceCase Case)>> EditableAsync(Guid id, CancellationToken ct, bool allowClosed = false)
    {
        var r = await reader.OpenAsync(id, ct);
        if (!r.Ok)
        {
            return Result<(CaseReader.CaseView, AssistanceCase)>.Fail(r.Failures);
        }
        if (!r.Value!.CanEdit)
        {
            return Failure.Forbidden("Id");
        }
        if (!allowClosed && r.Value.Case.Status == CaseStatus.Closed)
        {
            return new Failure("Id", "CaseClosed", 409);
        }
        var kase = await db.AssistanceCases.FirstAsync(c => c.Id == id, ct);
        return (r.Value, kase);
    }

    private sealed record CheckedDetails(string? NeedsNote, string? IntakeNote, string ConsentBy, string? ConsentRelation);

    /// <summary>The rules shared by intake and edit: programme, needs, notes, consent (a guardian's for minors).</summary>
    private static CheckedDetails CheckDetails(DetailsCommand c, DateOnly? birth, DateOnly? intakeOn, DateOnly today, List<Failure> failures)
    {
        if (c.Programme is null || !Enum.IsDefined(c.Programme.Value))
        {
            failures.Add(c.Programme is null ? Failure.Required("Programme") : new Failure("Programme", "InvalidChoice"));
        }
        if (c.Needs == CaseNeeds.None)
        {
            failures.Add(Failure.Required("Needs"));
        }
        else if ((c.Needs & ~(CaseNeeds)127) != 0)
        {
            failures.Add(new Failure("Needs", "InvalidChoice"));
        }
        var needsNote = Optional(c.NeedsNote, "NeedsNote", failures);
        var intakeNote = Optional(c.IntakeNote, "IntakeNote", failures);
        var consentBy = (c.ConsentBy ?? "").Trim();
        var relation = c.ConsentRelation?.Trim();
        if (c.ConsentOn is null)
        {
            failures.Add(Failure.Required("ConsentOn"));
        }
        else if (c.ConsentOn > today)
        {
            failures.Add(new Failure("ConsentOn", "NotInFuture"));
        }
        if (consentBy.Length == 0)
        {
            failures.Add(Failure.Required("ConsentBy"));
        }
        else if (consentBy.Length > Person.NameMaxLength)
        {
            failures.Add(Failure.TooLong("ConsentBy", Person.NameMaxLength));
        }
        // A minor's consent is a guardian's: the relation must be said (父亲, 母亲, 祖母, 监护人…).
        var minor = birth is { } b && b.AddYears(AdultAge) > (intakeOn ?? today);
        if (minor && string.IsNullOrEmpty(relation))
        {
            failures.Add(new Failure("ConsentRelation", "GuardianConsentRequired", 400, AdultAge));
        }
        if (relation?.Length > AssistanceCase.ShortMaxLength)
        {
            failures.Add(Failure.TooLong("ConsentRelation", AssistanceCase.ShortMaxLength));
        }
        return new CheckedDetails(needsNote, intakeNote, consentBy, string.IsNullOrEmpty(relation) ? null : relation);
    }

    private async Task<List<string>> CheckCategoriesAsync(IReadOnlyList<string>? codes, List<Failure> failures, CancellationToken ct)
    {
        var wanted = (codes ?? []).Where(c => !string.IsNullOrWhiteSpace(c)).Select(c => c.Trim()).Distinct().ToList();
        if (wanted.Count == 0)
        {
            failures.Add(Failure.Required("Categories"));
            return [];
        }
        var known = await db.BeneficiaryCategories.AsNoTracking().Where(c => c.ArchivedAt == null).Select(c => c.Code).ToListAsync(ct);
        if (wanted.Any(w => !known.Contains(w)))
        {
            failures.Add(new Failure("Categories", "InvalidChoice"));
        }
        return wanted;
    }

    private static string? Optional(string? value, string field, List<Failure> failures)
    {
        var v = value?.Trim();
        if (string.IsNullOrEmpty(v))
        {
            return null;
        }
        if (v.Length > AssistanceCase.NoteMaxLength)
        {
            failures.Add(Failure.TooLong(field, AssistanceCase.NoteMaxLength));
        }
        return v;
    }
}
