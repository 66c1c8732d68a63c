using Microsoft.EntityFrameworkCore;
using Qingyun.Data;
using Qingyun.Domain;
using Qingyun.Domain.Access;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Features.People;

/// <summary>
/// Creates a person, or edits one (Id given). One person per human: an ID number or phone already on
/// file anywhere is refused without saying where, so scope does not leak through de-duplication.
/// </summary>
public static class SavePerson
{
    public sealed class Handler(AppDbContext db, SensitiveData sensitive, TimeProvider clock)
    {
        public async Task<Result<Person>> Handle(Guid? id, PersonInput input, CancellationToken ct)
        {
            Person? person = null;
            if (id is not null)
            {
                person = await db.People.FirstOrDefaultAsync(p => p.Id == id, ct);
                if (person is null)
                {
                    return Failure.NotFound("Id");
                }
                var current = await db.UnitForAsync(person.UnitId, Permission.PeopleManage, "Id", ct);
                if (!current.Ok)
                {
                    return Result<Person>.Fail(current.Failures);
                }
            }
            var unit = await db.UnitForAsync(input.UnitId, Permission.PeopleManage, "UnitId", ct);
            if (!unit.Ok)
            {
                return Result<Person>.Fail(unit.Failures);
            }
            if (unit.Value!.IsClosed && unit.Value.Id != person?.UnitId)
            {
                return new Failure("UnitId", "ParentClosed", 409);
            }
            var now = clock.GetUtcNow();
            var checkedInput = input.Check(Infrastructure.Localization.ChinaDate(now));
            if (!checkedInput.Ok)
            {
                return Result<Person>.Fail(checkedInput.Failures);
            }
            var c = checkedInput.Value!;
            var idIndex = sensitive.IdNumberIndex(c.IdNumber.Value);
            var phoneIndex = c.Phone is null ? null : sensitive.PhoneIndex(c.Phone);
            var others = db.People.IgnoreQueryFilters().Where(p => p.Id != id);
            var failures = new List<Failure>();
            if (await others.AnyAsync(p => p.IdNumberIndex == idIndex, ct))
            {
                failures.Add(new Failure("IdNumber", "DuplicateIdNumber", 409));
            }
            if (phoneIndex is not null && await others.AnyAsync(p => p.PhoneIndex == phoneIndex, ct))
            {
                failures.Add(new Failure("Phone", "DuplicatePhone", 409));
            }
            if (failures.Count > 0)
            {
                return Result<Person>.Fail(failures);
            }

            if (person is null)
            {
                person = new Person { CreatedAt = now };
                db.People.Add(person);
            }
            person.UnitId = unit.Value!.Id;
            person.Name = c.Name;
            person.Gender = c.IdNumber.Gender;
            person.BirthDate = c.IdNumber.BirthDate;
            person.Ethnicity = c.Ethnicity;
            person.PoliticalStatus = input.PoliticalStatus;
            person.Education = input.Education;
            person.Workplace = c.Workplace;
            person.Address = c.Address;
            if (person.IdNumberIndex != idIndex)
            {
                person.IdNumberCipher = sensitive.Encrypt(c.IdNumber.Value);
                person.IdNumberIndex = idIndex;
                person.IdNumberMasked = c.IdNumber.Masked();
            }
            if (person.PhoneIndex != phoneIndex)
            {
                person.PhoneCipher = c.Phone is null ? null : sensitive.Encrypt(c.Phone);
                person.PhoneIndex = phoneIndex;
                person.PhoneMasked = c.Phone is null ? null : Phone.Mask(c.Phone);
            }
            person.UpdatedAt = now;
            await db.SaveChangesAsync(ct);
            return person;
        }
    }
}
