using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Tests.Infrastructure;

/// <summary>
/// A small tree with two sibling communities, A and B, under one street: enough to prove that an
/// account of A can touch nothing of B, nor anything above its own grant.
/// Province P → District D → Street S → { Community A → Branch A1, Community B }.
/// </summary>
public sealed record World(
    OrgUnit Province, OrgUnit District, OrgUnit Street, OrgUnit CommunityA, OrgUnit BranchA1, OrgUnit CommunityB,
    Person PersonA, Person PersonB, Guid AdminBUserId)
{
    public const string SysAdmin = "sys";
    public const string DistrictAdmin = "district";
    public const string AdminA = "admin-a";
    public const string CadreA = "cadre-a";
    public const string AdminB = "admin-b";

    public const string PersonAIdNumber = "110105199003070017";
    public const string PersonBIdNumber = "110105200503070027";
    public const string PersonAPhone = "13800138000";
    public const string MemberBNumber = "B-MEMBER-9";

    /// <summary>Text that identifies B or the levels above A; it must never reach an account of A.</summary>
    public IEnumerable<string> ForeignMarkers => [CommunityB.Name, CommunityB.Code, PersonB.Name, PersonB.IdNumberMasked!, MemberBNumber, Street.Name, District.Name, Province.Name, AdminB];

    public static async Task<World> SeedAsync(IServiceProvider services)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("test-seed");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        var sensitive = scope.ServiceProvider.GetRequiredService<SensitiveData>();
        var now = DateTimeOffset.UtcNow;

        OrgUnit Unit(OrgUnit? parent, string code, string name, UnitKind kind, LeagueBodyType body)
        {
            var id = Guid.CreateVersion7();
            var u = new OrgUnit
            {
                Id = id, ParentId = parent?.Id, Code = code, Name = name, Kind = kind, BodyType = body,
                Path = OrgUnit.PathFor(parent, id), Depth = parent is null ? 0 : parent.Depth + 1,
                RootId = parent?.RootId ?? id, SortOrder = 1, CreatedAt = now,
            };
            db.OrgUnits.Add(u);
            return u;
        }

        var p = Unit(null, "P", "测试省团委-P9", UnitKind.Province, LeagueBodyType.Committee);
        var d = Unit(p, "P-D", "测试区团委-D8", UnitKind.District, LeagueBodyType.Committee);
        var s = Unit(d, "P-D-S", "测试街道团工委-S7", UnitKind.Street, LeagueBodyType.WorkingCommittee);
        var a = Unit(s, "P-D-S-A", "甲社区综合团委-A6", UnitKind.Community, LeagueBodyType.CommunityCommittee);
        var a1 = Unit(a, "P-D-S-A-1", "甲社区第一团支部-A5", UnitKind.Community, LeagueBodyType.Branch);
        var b = Unit(s, "P-D-S-B", "乙社区综合团委-B4", UnitKind.Community, LeagueBodyType.CommunityCommittee);

        Person NewPerson(OrgUnit unit, string name, string idNumber, string? phone)
        {
            IdNumber.TryParse(idNumber, DateOnly.FromDateTime(now.UtcDateTime), out var id, out _);
            var person = new Person
            {
                UnitId = unit.Id, Name = name, Gender = id.Gender, BirthDate = id.BirthDate,
                CreatedAt = now, UpdatedAt = now,
            };
            sensitive.Protect(person, idNumber, phone);
            db.People.Add(person);
            return person;
        }

        var personA = NewPerson(a1, "甲青年", PersonAIdNumber, PersonAPhone);
        var personB = NewPerson(b, "乙青年-B3", PersonBIdNumber, null);
        await db.SaveChangesAsync();
        db.Memberships.Add(new Domain.Rosters.Membership
        {
            PersonId = personB.Id, UnitId = b.Id, MemberNumber = MemberBNumber, JoinedOn = new DateOnly(2020, 5, 4),
            JoinedUnitId = b.Id, JoinedUnitName = b.Name, CreatedAt = now, UpdatedAt = now,
        });
        await db.SaveChangesAsync();

        async Task<AppUser> Account(string name, OrgUnit unit, Role role, string? phone = null)
        {
            var user = new AppUser { UserName = name, DisplayName = name, HomeUnitId = unit.Id, PhoneNumber = phone, CreatedAt = now };
            var result = await users.CreateAsync(user, QingyunApp.Password);
            if (!result.Succeeded)
            {
                throw new InvalidOperationException(string.Join(";", result.Errors.Select(e => e.Description)));
            }
            db.Grants.Add(new Grant { UserId = user.Id, UnitId = unit.Id, Role = role, GrantedAt = now });
            await db.SaveChangesAsync();
            return user;
        }

        await Account(SysAdmin, p, Role.SystemAdmin);
        await Account(DistrictAdmin, d, Role.LeagueAdmin);
        await Account(AdminA, a, Role.LeagueAdmin, "13900139000");
        await Account(CadreA, a, Role.Cadre);
        var adminB = await Account(AdminB, b, Role.LeagueAdmin);
        return new World(p, d, s, a, a1, b, personA, personB, adminB.Id);
    }
}
