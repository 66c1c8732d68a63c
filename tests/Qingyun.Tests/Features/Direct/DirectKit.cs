using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Domain.Access;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Direct;

/// <summary>A fixed moment for the static rounds the tests call directly.</summary>
public sealed class FixedClock(DateTimeOffset at) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => at.ToUniversalTime();

    /// <summary>Noon in China on a day.</summary>
    public static FixedClock ChinaNoon(int y, int m, int d) => new(new DateTimeOffset(y, m, d, 12, 0, 0, TimeSpan.FromHours(8)));
}

/// <summary>Fresh units, people, posts and cadre accounts for each test, so tests of one fixture never meet.</summary>
public static class DirectKit
{
    public static Task<OrgUnit> NewUnitAsync(this QingyunApp app, OrgUnit parent, string name, LeagueBodyType body = LeagueBodyType.CommunityCommittee) =>
        app.AsSystemAsync(async (_, db) =>
        {
            var id = Guid.CreateVersion7();
            var unit = new OrgUnit
            {
                Id = id, ParentId = parent.Id, Code = TestIds.Unique("DC"), Name = name, Kind = UnitKind.Community, BodyType = body,
                Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId, SortOrder = 9, CreatedAt = DateTimeOffset.UtcNow,
            };
            db.OrgUnits.Add(unit);
            await db.SaveChangesAsync();
            return unit;
        });

    public static Task<Guid> NewPersonAsync(this QingyunApp app, OrgUnit unit, string name) => app.AsSystemAsync(async (sp, db) =>
    {
        var idNumber = TestIds.BornYearsAgo(22);
        IdNumber.TryParse(idNumber, DateOnly.FromDateTime(DateTime.UtcNow), out var id, out _);
        var person = new Person { UnitId = unit.Id, Name = name, Gender = id.Gender, BirthDate = id.BirthDate, CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow };
        sp.GetRequiredService<SensitiveData>().Protect(person, idNumber, null);
        db.People.Add(person);
        await db.SaveChangesAsync();
        return person.Id;
    });

    public static Task<Guid> NewTermAsync(this QingyunApp app, OrgUnit unit, Guid personId, CadrePost post = CadrePost.Secretary,
        CadreKind kind = CadreKind.FullTime, int? quota = null) => app.AsSystemAsync(async (_, db) =>
    {
        var term = new CadreTerm
        {
            PersonId = personId, UnitId = unit.Id, Post = post, Kind = kind, StartedOn = new DateOnly(2024, 6, 1), ContactQuota = quota,
            CreatedAt = DateTimeOffset.UtcNow, UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.CadreTerms.Add(term);
        await db.SaveChangesAsync();
        return term.Id;
    });

    /// <summary>A sign-in for a cadre: the account is the cadre's person, with the given role over their unit.</summary>
    public static Task<string> NewCadreAccountAsync(this QingyunApp app, OrgUnit unit, Guid personId, Role role = Role.Cadre) => app.AsSystemAsync(async (sp, db) =>
    {
        var name = TestIds.Unique("dcadre");
        var user = new AppUser { UserName = name, DisplayName = name, HomeUnitId = unit.Id, PersonId = personId, CreatedAt = DateTimeOffset.UtcNow };
        var created = await sp.GetRequiredService<UserManager<AppUser>>().CreateAsync(user, QingyunApp.Password);
        Assert.True(created.Succeeded, string.Join(";", created.Errors.Select(e => e.Description)));
        db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit.Id, Role = role, GrantedAt = DateTimeOffset.UtcNow });
        await db.SaveChangesAsync();
        return name;
    });

    /// <summary>A binding written straight to the database, from a chosen day (hand-built coverage data).</summary>
    public static Task BindDirectlyAsync(this QingyunApp app, Guid termId, Guid youthId, DateOnly on) => app.AsSystemAsync(async (_, db) =>
    {
        var term = await db.CadreTerms.FindAsync(termId);
        var unit = await db.OrgUnits.FindAsync(term!.UnitId);
        db.DirectBindings.Add(new DirectBinding
        {
            UnitId = term.UnitId, CadreTermId = termId, CadrePersonId = term.PersonId, YouthPersonId = youthId, Level = unit!.Depth, BoundOn = on, CreatedAt = DateTimeOffset.UtcNow,
        });
        await db.SaveChangesAsync();
        return 0;
    });

    /// <summary>A contact written straight to the database on a chosen day.</summary>
    public static Task ContactDirectlyAsync(this QingyunApp app, Guid termId, DateOnly on, ContactChannel channel, params Guid[] youth) => app.AsSystemAsync(async (_, db) =>
    {
        var term = await db.CadreTerms.FindAsync(termId);
        var contact = new DirectContact { UnitId = term!.UnitId, CadreTermId = termId, CadrePersonId = term.PersonId, On = on, Channel = channel, CreatedAt = DateTimeOffset.UtcNow };
        db.DirectContacts.Add(contact);
        foreach (var y in youth)
        {
            db.DirectContactYouth.Add(new DirectContactYouth { ContactId = contact.Id, UnitId = term.UnitId, CadrePersonId = term.PersonId, YouthPersonId = y, On = on, Channel = channel });
        }
        await db.SaveChangesAsync();
        return 0;
    });
}
