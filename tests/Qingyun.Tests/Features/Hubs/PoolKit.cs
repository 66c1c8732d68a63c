using System.Net;
using System.Text.Json;
using Qingyun.Domain.Organization;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Hubs;

/// <summary>Helpers for the pool, theme and series tests.</summary>
public static class PoolKit
{
    /// <summary>A hub unit (青年汇) made under <paramref name="parent"/>, as the system.</summary>
    public static Task<OrgUnit> HubUnderAsync(QingyunApp app, OrgUnit parent) => app.AsSystemAsync(async (_, db) =>
    {
        var id = Guid.CreateVersion7();
        var unit = new OrgUnit
        {
            Id = id, ParentId = parent.Id, Code = TestIds.Unique("H"), Name = "测试青年汇", Kind = UnitKind.Hub, BodyType = LeagueBodyType.Branch,
            Path = OrgUnit.PathFor(parent, id), Depth = parent.Depth + 1, RootId = parent.RootId, SortOrder = 1, CreatedAt = DateTimeOffset.UtcNow,
        };
        db.OrgUnits.Add(unit);
        await db.SaveChangesAsync();
        return unit;
    });

    public static async Task<JsonElement> Ok(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ReadJsonAsync();
    }

    public static async Task<string> Refused(HttpResponseMessage response, HttpStatusCode expected)
    {
        Assert.True(response.StatusCode == expected, $"expected {(int)expected}, got {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return await response.ProblemTextAsync();
    }

    public static async Task<Guid> CreateTeacherAsync(HttpClient api, Guid unitId, string name, string? phone = null) =>
        (await Ok(await api.PostJsonAsync("/api/v1/teachers", new { unitId, name, source = "Resident", expertise = "书法", phone }), HttpStatusCode.Created))
            .GetProperty("id").GetGuid();

    public static IEnumerable<Guid> Ids(JsonElement list) => list.GetProperty("items").EnumerateArray().Select(x => x.GetProperty("id").GetGuid());
}
