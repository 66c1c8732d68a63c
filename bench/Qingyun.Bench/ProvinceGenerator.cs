using Microsoft.Extensions.DependencyInjection;
using Qingyun.Data;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Security;

namespace Qingyun.Bench;

/// <summary>
/// A province-sized tree: cities → districts → streets → communities → branches, plus people spread
/// over the branches. The shape follows the seeds' numbers scaled up (a street has ~15 communities).
/// </summary>
public sealed record Scale(string Name, int Cities, int DistrictsPerCity, int StreetsPerDistrict, int CommunitiesPerStreet, int PeoplePerCommunity)
{
    public static readonly Scale District = new("district", 1, 1, 12, 15, 20);
    public static readonly Scale City = new("city", 1, 10, 12, 15, 5);
    public static readonly Scale Province = new("province", 12, 10, 12, 15, 2);
    public static readonly Scale Members = new("members", 1, 1, 12, 15, 0);

    public static Scale Parse(string name) => name switch
    {
        "district" => District,
        "city" => City,
        _ => Province,
    };
}

public sealed record Generated(OrgUnit Province, OrgUnit FirstDistrict, OrgUnit FirstStreet, OrgUnit SecondDistrict, int Units, int People);

public static class ProvinceGenerator
{
    public static async Task<Generated> GenerateAsync(IServiceProvider services, Scale scale)
    {
        using var scope = services.CreateScope();
        scope.ServiceProvider.GetRequiredService<CurrentScope>().RunAsSystem("bench");
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var sensitive = scope.ServiceProvider.GetRequiredService<SensitiveData>();
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var now = DateTimeOffset.UtcNow;
        var units = 0;
        var people = 0;
        var pending = 0;

        OrgUnit Add(OrgUnit? parent, string code, string name, UnitKind kind, LeagueBodyType body, int sort)
        {
            var id = Guid.CreateVersion7();
            var u = new OrgUnit
            {
                Id = id, ParentId = parent?.Id, Code = code, Name = name, Kind = kind, BodyType = body,
                Path = OrgUnit.PathFor(parent, id), Depth = parent is null ? 0 : parent.Depth + 1,
                RootId = parent?.RootId ?? id, SortOrder = sort, CreatedAt = now,
            };
            db.OrgUnits.Add(u);
            units++;
            pending++;
            return u;
        }

        async Task FlushAsync()
        {
            if (pending >= 5000)
            {
                await db.SaveChangesAsync();
                db.ChangeTracker.Clear();
                pending = 0;
            }
        }

        var province = Add(null, "B", "基准省团委", UnitKind.Province, LeagueBodyType.Committee, 1);
        OrgUnit? firstDistrict = null, secondDistrict = null, firstStreet = null;
        var serial = 0;
        for (var c = 1; c <= scale.Cities; c++)
        {
            var city = Add(province, $"B{c:00}", $"第{c}市团委", UnitKind.City, LeagueBodyType.Committee, c);
            for (var d = 1; d <= scale.DistrictsPerCity; d++)
            {
                var district = Add(city, $"B{c:00}{d:00}", $"第{c}市第{d}区团委", UnitKind.District, LeagueBodyType.Committee, d);
                if (firstDistrict is null)
                {
                    firstDistrict = district;
                }
                else
                {
                    secondDistrict ??= district;
                }
                for (var s = 1; s <= scale.StreetsPerDistrict; s++)
                {
                    var street = Add(district, $"B{c:00}{d:00}{s:00}", $"第{c}市第{d}区第{s}街道团工委", UnitKind.Street, LeagueBodyType.WorkingCommittee, s);
                    firstStreet ??= street;
                    for (var m = 1; m <= scale.CommunitiesPerStreet; m++)
                    {
                        var community = Add(street, $"B{c:00}{d:00}{s:00}{m:00}", $"{c}-{d}-{s} 第{m}社区综合团委", UnitKind.Community, LeagueBodyType.CommunityCommittee, m);
                        var branch = Add(community, $"B{c:00}{d:00}{s:00}{m:00}Z", $"{c}-{d}-{s}-{m} 团支部", UnitKind.Community, LeagueBodyType.Branch, 1);
                        for (var p = 0; p < scale.PeoplePerCommunity; p++)
                        {
                            serial++;
                            var birth = new DateOnly(1995, 1, 1).AddDays(serial % 5000);
                            var first17 = $"330106{birth:yyyyMMdd}{serial % 1000:000}";
                            var idNumber = first17 + IdNumber.CheckCharFor(first17);
                            var key = $"{idNumber}#{serial}";
                            db.People.Add(new Person
                            {
                                UnitId = branch.Id, Name = $"青年{serial}", Gender = (serial & 1) == 1 ? Gender.Male : Gender.Female, BirthDate = birth,
                                IdNumberCipher = sensitive.Encrypt(idNumber), IdNumberIndex = sensitive.BlindIndex("id", key), IdNumberMasked = IdNumber.Mask(idNumber),
                                CreatedAt = now, UpdatedAt = now,
                            });
                            people++;
                            pending++;
                        }
                        await FlushAsync();
                    }
                }
            }
        }
        await db.SaveChangesAsync();
        return new Generated(province, firstDistrict!, firstStreet!, secondDistrict ?? firstDistrict!, units, people);
    }
}
