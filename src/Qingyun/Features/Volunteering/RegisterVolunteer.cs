using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Domain.Volunteering;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun.Features.Volunteering;

/// <summary>
/// 志愿者注册, three ways: a person on their phone (a new account, person and volunteer in one go), a
/// signed-in account that already has a person (a member joining volunteer service), or an organization
/// registering someone from a paper form. Under 14 is refused; 14–18 needs a guardian's consent; the
/// separate consent to sensitive data is required in every case and kept with its time.
/// </summary>
public sealed class RegisterVolunteer(AppDbContext db, SensitiveData sensitive, UserManager<AppUser> users, StarLevels stars, TimeProvider clock)
{
    public sealed record Profile(Skill Skills, Availability Availability, ServiceArea Areas, bool SensitiveConsent,
        string? GuardianName, string? GuardianPhone, bool GuardianConsent);

    public sealed record SelfCommand(string? UnitCode, string? Name, string? IdNumber, string? Phone, string? UserName, string? Password, Profile Profile);

    public sealed record OrganizationCommand(Guid? UnitId, string? Name, string? IdNumber, string? Phone, Profile Profile);

    public async Task<Result<Volunteer>> SelfAsync(SelfCommand c, CancellationToken ct)
    {
        var failures = new List<Failure>();
        var code = c.UnitCode?.Trim() ?? "";
        // Registration is open to anyone, so the unit is named by its public code (on the organization's poster
        // or QR), read past the scope filter; only an open unit takes registrations.
        var unit = code.Length == 0 ? null
            : await db.OrgUnits.IgnoreQueryFilters().AsNoTracking().FirstOrDefaultAsync(u => u.Code == code && u.ClosedAt == null, ct);
        if (code.Length == 0)
        {
            failures.Add(Failure.Required("UnitCode"));
        }
        else if (unit is null)
        {
            failures.Add(new Failure("UnitCode", "UnknownUnitCode"));
        }
        var person = CheckPerson(unit?.Id, c.Name, c.IdNumber, c.Phone, phoneRequired: true, failures);
        CheckProfile(c.Profile, person?.IdNumber.BirthDate, failures);
        var userName = c.UserName?.Trim() ?? "";
        if (userName.Length == 0)
        {
            failures.Add(Failure.Required("UserName"));
        }
        else if (await users.FindByNameAsync(userName) is not null)
        {
            failures.Add(new Failure("UserName", "DuplicateUserName", 409, userName));
        }
        if (string.IsNullOrEmpty(c.Password))
        {
            failures.Add(Failure.Required("Password"));
        }
        else
        {
            foreach (var validator in users.PasswordValidators)
            {
                var check = await validator.ValidateAsync(users, new AppUser(), c.Password);
                if (!check.Succeeded)
                {
                    failures.Add(new Failure("Password", "AccountNotCreated", 400, string.Join("；", check.Errors.Select(e => e.Description))));
                }
            }
        }
        if (person is not null && await db.People.IgnoreQueryFilters().AnyAsync(p => p.IdNumberIndex == sensitive.IdNumberIndex(person.IdNumber.Value), ct))
        {
            // Not linked to the existing person: knowing someone's ID number must not make you them.
            failures.Add(new Failure("IdNumber", "AlreadyRegisteredSignIn", 409));
        }
        if (person?.Phone is { } ph && await db.People.IgnoreQueryFilters().AnyAsync(p => p.PhoneIndex == sensitive.PhoneIndex(ph), ct))
        {
            failures.Add(new Failure("Phone", "DuplicatePhone", 409));
        }
        if (failures.Count > 0)
        {
            return Result<Volunteer>.Fail(failures);
        }

        var now = clock.GetUtcNow();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var p = NewPerson(unit!.Id, person!, now);
        var user = new AppUser { UserName = userName, DisplayName = person!.Name, HomeUnitId = unit.Id, PersonId = p.Id, CreatedAt = now };
        var created = await users.CreateAsync(user, c.Password!);
        if (!created.Succeeded)
        {
            return new Failure("Password", "AccountNotCreated", 400, string.Join("；", created.Errors.Select(e => e.Description)));
        }
        db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit.Id, Role = Role.Volunteer, GrantedAt = now });
        var v = await SaveVolunteerAsync(p, unit.Id, c.Profile, RegistrationChannel.Self, userName, now, ct);
        await tx.CommitAsync(ct);
        return v;
    }

    /// <summary>A signed-in account with a person (a League member, a youth) joins volunteer service.</summary>
    public async Task<Result<Volunteer>> JoinAsync(Profile profile, CancellationToken ct)
    {
        if (await db.OwnPersonIdAsync(ct) is not { } personId)
        {
            return new Failure("Account", "NoPersonOnAccount", 409);
        }
        if (await db.Volunteers.IgnoreQueryFilters().AnyAsync(v => v.PersonId == personId, ct))
        {
            return new Failure("Account", "AlreadyVolunteer", 409);
        }
        var person = await db.People.IgnoreQueryFilters().FirstAsync(p => p.Id == personId, ct);
        var failures = new List<Failure>();
        CheckProfile(profile, person.BirthDate, failures);
        if (failures.Count > 0)
        {
            return Result<Volunteer>.Fail(failures);
        }
        return await SaveVolunteerAsync(person, person.UnitId, profile, RegistrationChannel.Self, db.Scope.UserName, clock.GetUtcNow(), ct);
    }

    public async Task<Result<Volunteer>> OrganizationAsync(OrganizationCommand c, CancellationToken ct)
    {
        var unit = await db.UnitForAsync(c.UnitId, Permission.ServiceManage, "UnitId", ct);
        if (!unit.Ok)
        {
            return Result<Volunteer>.Fail(unit.Failures);
        }
        if (unit.Value!.IsClosed)
        {
            return new Failure("UnitId", "ParentClosed", 409);
        }
        var failures = new List<Failure>();
        var person = CheckPerson(unit.Value.Id, c.Name, c.IdNumber, c.Phone, phoneRequired: false, failures);
        CheckProfile(c.Profile, person?.IdNumber.BirthDate, failures);
        if (failures.Count > 0)
        {
            return Result<Volunteer>.Fail(failures);
        }
        var now = clock.GetUtcNow();
        // The organization has the person's signed form in hand: an existing person (a member, say) is
        // reused when name and ID number agree, so a volunteer is a role and never a copy.
        var existing = await db.People.IgnoreQueryFilters([AppDbContext.ScopeFilter])
            .FirstOrDefaultAsync(p => p.IdNumberIndex == sensitive.IdNumberIndex(person!.IdNumber.Value), ct);
        if (existing is not null && existing.Name != person!.Name)
        {
            return new Failure("Name", "NameDoesNotMatchIdNumber", 409);
        }
        if (existing is not null && await db.Volunteers.IgnoreQueryFilters().AnyAsync(v => v.PersonId == existing.Id, ct))
        {
            return new Failure("IdNumber", "AlreadyVolunteer", 409);
        }
        if (existing is null && person!.Phone is { } ph && await db.People.IgnoreQueryFilters().AnyAsync(p => p.PhoneIndex == sensitive.PhoneIndex(ph), ct))
        {
            return new Failure("Phone", "DuplicatePhone", 409);
        }
        var p = existing ?? NewPerson(unit.Value.Id, person!, now);
        return await SaveVolunteerAsync(p, unit.Value.Id, c.Profile, RegistrationChannel.Organization, db.Scope.UserName, now, ct);
    }

    private PersonInput.Checked? CheckPerson(Guid? unitId, string? name, string? idNumber, string? phone, bool phoneRequired, List<Failure> failures)
    {
        var input = new PersonInput(unitId, name, idNumber, phone, null, PoliticalStatus.Masses, null, null, null);
        var checkedInput = input.Check(clock.ChinaToday());
        if (phoneRequired && string.IsNullOrWhiteSpace(phone))
        {
            failures.Add(Failure.Required("Phone"));
        }
        if (!checkedInput.Ok)
        {
            failures.AddRange(checkedInput.Failures.Select(f => f.MessageKey == "UnderFourteen" ? f with { MessageKey = "VolunteerUnderFourteen" } : f));
            return null;
        }
        return checkedInput.Value;
    }

    private void CheckProfile(Profile p, DateOnly? birthDate, List<Failure> failures)
    {
        if (!p.SensitiveConsent)
        {
            failures.Add(new Failure("SensitiveConsent", "ConsentRequired"));
        }
        if ((p.Skills & ~AllSkills) != 0 || (p.Availability & ~AllAvailability) != 0 || (p.Areas & ~AllAreas) != 0)
        {
            failures.Add(new Failure("Skills", "InvalidChoice"));
        }
        if (birthDate is { } born && born.AddYears(Volunteer.AdultAge) > clock.ChinaToday())
        {
            if (string.IsNullOrWhiteSpace(p.GuardianName))
            {
                failures.Add(new Failure("GuardianName", "RequiredForMinor"));
            }
            else if (p.GuardianName.Trim().Length > Volunteer.GuardianNameMaxLength)
            {
                failures.Add(Failure.TooLong("GuardianName", Volunteer.GuardianNameMaxLength));
            }
            if (string.IsNullOrWhiteSpace(p.GuardianPhone))
            {
                failures.Add(new Failure("GuardianPhone", "RequiredForMinor"));
            }
            else if (!Phone.TryNormalize(p.GuardianPhone, out _))
            {
                failures.Add(new Failure("GuardianPhone", "PhonePattern"));
            }
            if (!p.GuardianConsent)
            {
                failures.Add(new Failure("GuardianConsent", "GuardianConsentRequired"));
            }
        }
    }

    private static readonly Skill AllSkills = Enum.GetValues<Skill>().Aggregate((a, b) => a | b);
    private static readonly Availability AllAvailability = Enum.GetValues<Availability>().Aggregate((a, b) => a | b);
    private static readonly ServiceArea AllAreas = Enum.GetValues<ServiceArea>().Aggregate((a, b) => a | b);

    private Person NewPerson(Guid unitId, PersonInput.Checked c, DateTimeOffset now)
    {
        var p = new Person
        {
            UnitId = unitId, Name = c.Name, Gender = c.IdNumber.Gender, BirthDate = c.IdNumber.BirthDate, CreatedAt = now, UpdatedAt = now,
        };
        sensitive.Protect(p, c.IdNumber.Value, c.Phone);
        db.People.Add(p);
        return p;
    }

    private async Task<Volunteer> SaveVolunteerAsync(Person person, Guid unitId, Profile p, RegistrationChannel channel, string? by, DateTimeOffset now, CancellationToken ct)
    {
        var minor = person.BirthDate.AddYears(Volunteer.AdultAge) > now.ChinaDate();
        string? guardianPhone = null;
        if (minor)
        {
            Phone.TryNormalize(p.GuardianPhone!, out var normalized);
            guardianPhone = normalized;
        }
        var v = new Volunteer
        {
            PersonId = person.Id, UnitId = unitId, Skills = p.Skills, Availability = p.Availability, ServiceAreas = p.Areas, Channel = channel,
            SensitiveConsentAt = now, RegisteredAt = now, RegisteredBy = by,
            GuardianName = minor ? p.GuardianName!.Trim() : null,
            GuardianPhoneCipher = guardianPhone is null ? null : sensitive.Encrypt(guardianPhone),
            GuardianPhoneMasked = guardianPhone is null ? null : Phone.Mask(guardianPhone),
            GuardianConsentAt = minor ? now : null,
        };
        stars.Apply(v);
        db.Volunteers.Add(v);
        for (var attempt = 0; ; attempt++)
        {
            v.Number = VolunteerNumbers.New(now.ChinaDate());
            try
            {
                await db.SaveChangesAsync(ct);
                return v;
            }
            catch (DbUpdateException) when (attempt < 5)
            {
                if (!await db.Volunteers.IgnoreQueryFilters().AnyAsync(x => x.Number == v.Number, ct))
                {
                    throw;
                }
            }
        }
    }

    /// <summary>Edits what a volunteer may change about themselves: skills, availability, service areas.</summary>
    public async Task<Result<Volunteer>> UpdateProfileAsync(Volunteer v, Skill skills, Availability availability, ServiceArea areas, CancellationToken ct)
    {
        if ((skills & ~AllSkills) != 0 || (availability & ~AllAvailability) != 0 || (areas & ~AllAreas) != 0)
        {
            return new Failure("Skills", "InvalidChoice");
        }
        v.Skills = skills;
        v.Availability = availability;
        v.ServiceAreas = areas;
        await db.SaveChangesAsync(ct);
        return v;
    }
}
