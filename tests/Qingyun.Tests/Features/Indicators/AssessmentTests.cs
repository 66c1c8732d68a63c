using System.Net;
using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using MiniExcelLibs;
using Qingyun.Features.Indicators;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// The yearly assessment of child units: points in proportion to the target reached (capped), nothing without a target,
/// the Party-building track summed apart, ranks, the Excel file with the same numbers; refusals write nothing.
/// Each test builds its own street with communities A and B under the fixture's community A (admin-a manages it).
/// </summary>
public abstract class AssessmentTests(QingyunApp app)
{
    private const string Api = "/api/v1/figures/assessment";

    private static int ThisYear => DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).Year;

    private static async Task<JsonElement> Json(HttpResponseMessage r, HttpStatusCode expected)
    {
        var body = await r.Content.ReadAsStringAsync();
        Assert.True(r.StatusCode == expected, $"{(int)r.StatusCode}: {body}");
        return JsonDocument.Parse(body).RootElement.Clone();
    }

    private Task AddNewMembersAsync(Guid unitId, int count) => app.AsSystemAsync(async (_, db) =>
    {
        var today = DateOnly.FromDateTime(DateTimeOffset.UtcNow.ToOffset(TimeSpan.FromHours(8)).DateTime);
        for (var i = 0; i < count; i++)
        {
            FiguresKit.Member(db, unitId, today);
        }
        await db.SaveChangesAsync();
        return 0;
    });

    [Fact]
    public async Task Units_below_are_scored_on_their_targets_with_the_Party_building_part_apart()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var admin = await app.ApiAsAsync(World.AdminA);
        await AddNewMembersAsync(tree.A.Id, 3);
        await AddNewMembersAsync(tree.B.Id, 1);
        // Targets from the street: A 4 new members (3 done: 3/4 of the points), B 1 (met); registered members set only for A.
        await Json(await admin.PutJsonAsync("/api/v1/figures/targets", new
        {
            unitId = tree.Street.Id, year = ThisYear,
            lines = new object[]
            {
                new { unitId = tree.A.Id, code = Catalogue.MembersNew, value = 4 }, new { unitId = tree.B.Id, code = Catalogue.MembersNew, value = 1 },
                new { unitId = tree.A.Id, code = Catalogue.MembersRegistered, value = 2 },
            },
        }), HttpStatusCode.OK);
        await Json(await admin.PutJsonAsync(Api, new
        {
            unitId = tree.Street.Id, year = ThisYear,
            items = new object[] { new { code = Catalogue.MembersNew, points = 10, partyTrack = true }, new { code = Catalogue.MembersRegistered, points = 5.5, partyTrack = false } },
        }), HttpStatusCode.OK);

        var card = await Json(await admin.GetAsync($"{Api}?unitId={tree.Street.Id}&year={ThisYear}"), HttpStatusCode.OK);
        Assert.Equal(15.5m, card.GetProperty("fullMarks").GetDecimal());
        Assert.Equal(10m, card.GetProperty("partyFullMarks").GetDecimal());
        var units = card.GetProperty("units").EnumerateArray().ToList();
        var a = units.Single(u => u.GetProperty("id").GetGuid() == tree.A.Id);
        var b = units.Single(u => u.GetProperty("id").GetGuid() == tree.B.Id);
        // A: 10 × 3/4 = 7.5, plus registered 3 of 2 = full 5.5 → 13; the Party part 7.5. B: 10 (met); no registered target, not scored.
        Assert.Equal(13m, a.GetProperty("total").GetDecimal());
        Assert.Equal(7.5m, a.GetProperty("partyTotal").GetDecimal());
        Assert.Equal(15.5m, a.GetProperty("possible").GetDecimal());
        Assert.Equal(10m, b.GetProperty("total").GetDecimal());
        Assert.Equal(10m, b.GetProperty("partyTotal").GetDecimal());
        Assert.Equal(10m, b.GetProperty("possible").GetDecimal());
        var bRegistered = b.GetProperty("scores").EnumerateArray().Single(s => s.GetProperty("code").GetString() == Catalogue.MembersRegistered);
        Assert.Equal(JsonValueKind.Null, bRegistered.GetProperty("score").ValueKind);
        Assert.Equal(1, a.GetProperty("rank").GetInt32());
        Assert.Equal(2, b.GetProperty("rank").GetInt32());

        // The workbook carries the same scores, in rank order.
        var file = await admin.GetAsync($"{Api}.xlsx?unitId={tree.Street.Id}&year={ThisYear}");
        Assert.Equal(HttpStatusCode.OK, file.StatusCode);
        using var stream = new MemoryStream(await file.Content.ReadAsByteArrayAsync());
        var rows = stream.Query(useHeaderRow: true).Cast<IDictionary<string, object>>().ToList();
        Assert.Equal([tree.A.Name, tree.B.Name], rows.Select(r => r["组织"]?.ToString()));
        Assert.Equal(13m, Convert.ToDecimal(rows[0]["总分（满分15.5）"], System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(10m, Convert.ToDecimal(rows[1]["其中计入党建考核（满分10）"], System.Globalization.CultureInfo.InvariantCulture));

        // The page shows the scorecard to a reader, without the items form.
        var cadre = await app.PagesAsAsync(World.CadreA);
        var html = await cadre.Http.GetStringAsync($"/figures/assessment?unit={tree.Street.Id}&year={ThisYear}");
        Assert.Contains("scorecard-table", html);
        Assert.DoesNotContain("save-assessment", html);
    }

    [Fact]
    public async Task Bad_items_are_refused_naming_the_rule_and_nothing_is_written()
    {
        var tree = await FiguresKit.TreeAsync(app, app.World.CommunityA.Id);
        var admin = await app.ApiAsAsync(World.AdminA);
        var cadre = await app.ApiAsAsync(World.CadreA);
        var outsider = await app.ApiAsAsync(World.AdminB);
        async Task<int> ItemsAsync() => await app.AsSystemAsync((_, db) => db.AssessmentItems.CountAsync(i => i.UnitId == tree.Street.Id));
        await Json(await admin.PutJsonAsync(Api, new { unitId = tree.Street.Id, year = ThisYear, items = new[] { new { code = Catalogue.ServiceHours, points = 20, partyTrack = false } } }), HttpStatusCode.OK);

        async Task Refused(object items, HttpStatusCode status, string message)
        {
            var r = await admin.PutJsonAsync(Api, new { unitId = tree.Street.Id, year = ThisYear, items });
            Assert.Equal(status, r.StatusCode);
            Assert.Contains(message, await r.ProblemTextAsync());
        }
        await Refused(new[] { new { code = Catalogue.MembersNew, points = 0m, partyTrack = false } }, HttpStatusCode.BadRequest, "分值：应大于 0 且不超过 100 分");
        await Refused(new[] { new { code = Catalogue.MembersNew, points = 100.5m, partyTrack = false } }, HttpStatusCode.BadRequest, "分值：应大于 0 且不超过 100 分");
        await Refused(new[] { new { code = Catalogue.MembersNew, points = 2.25m, partyTrack = false } }, HttpStatusCode.BadRequest, "分值：最多保留一位小数");
        await Refused(new[] { new { code = "no.such", points = 5m, partyTrack = false } }, HttpStatusCode.BadRequest, "考核指标：");
        await Refused(new[] { new { code = Catalogue.MembersNew, points = 5m, partyTrack = false }, new { code = Catalogue.MembersNew, points = 6m, partyTrack = true } },
            HttpStatusCode.BadRequest, "考核指标：");
        Assert.Equal(HttpStatusCode.Forbidden, (await cadre.PutJsonAsync(Api, new { unitId = tree.Street.Id, year = ThisYear, items = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.PutJsonAsync(Api, new { unitId = tree.Street.Id, year = ThisYear, items = Array.Empty<object>() })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"{Api}?unitId={tree.Street.Id}&year={ThisYear}")).StatusCode);
        Assert.Equal(1, await ItemsAsync());
        var kept = await Json(await admin.GetAsync($"{Api}?unitId={tree.Street.Id}&year={ThisYear}"), HttpStatusCode.OK);
        Assert.Equal(Catalogue.ServiceHours, kept.GetProperty("items").EnumerateArray().Single().GetProperty("code").GetString());
    }
}

public sealed class AssessmentOnSqlite(SqliteApp app) : AssessmentTests(app), IClassFixture<SqliteApp>;

public sealed class AssessmentOnPostgres(PostgresApp app) : AssessmentTests(app), IClassFixture<PostgresApp>;
