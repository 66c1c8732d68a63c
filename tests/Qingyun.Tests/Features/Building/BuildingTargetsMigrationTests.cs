using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Qingyun.Data;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Organization;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Building;

/// <summary>
/// The migration that folded League-building targets into the figures' targets (decision 014) carries the old rows
/// over: a database at the migration before it gets BuildingTargets rows written the way the old code stored them,
/// then is brought up to date. The copies must be rows EF finds by id and by value (SQLite keeps Guids and decimals
/// as text, so a copy in another text form would load but never match a query).
/// </summary>
public abstract class BuildingTargetsMigrationTests
{
    private const string Before = "Indicators";
    private const string Built = "building.built", Members = "building.members";

    protected abstract Task<AppDbContext> NewDatabaseAsync();

    private static OrgUnit Unit(OrgUnit? parent, string code)
    {
        var id = Guid.CreateVersion7();
        return new OrgUnit
        {
            Id = id, ParentId = parent?.Id, Code = code, Name = code + "团委", Kind = parent is null ? UnitKind.District : UnitKind.Street,
            BodyType = LeagueBodyType.Committee, Path = OrgUnit.PathFor(parent, id), Depth = parent is null ? 0 : parent.Depth + 1,
            RootId = parent?.RootId ?? id, SortOrder = 1, CreatedAt = DateTimeOffset.UtcNow,
        };
    }

    /// <summary>A BuildingTargets row as the old model wrote it; the parameters take the current model's mappings of the same column types.</summary>
    private static async Task InsertOldTargetAsync(AppDbContext db, Guid unitId, int year, int organizations, int members, DateTimeOffset at)
    {
        var entity = db.Model.FindEntityType(typeof(IndicatorTarget))!;
        var connection = db.Database.GetDbConnection();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO "BuildingTargets" ("Id", "UnitId", "Year", "Organizations", "NewMembers", "SetByUserName", "UpdatedAt")
            VALUES (@id, @unit, @year, @organizations, @members, 'district', @at)
            """;
        DbParameter Param(string column, string name, object value) => entity.FindProperty(column)!.GetRelationalTypeMapping().CreateParameter(command, name, value);
        command.Parameters.Add(Param("Id", "id", Guid.CreateVersion7()));
        command.Parameters.Add(Param("UnitId", "unit", unitId));
        command.Parameters.Add(Param("Year", "year", year));
        command.Parameters.Add(Param("Year", "organizations", organizations));
        command.Parameters.Add(Param("Year", "members", members));
        command.Parameters.Add(Param("UpdatedAt", "at", at));
        Assert.Equal(1, await command.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task OldTargets_BecomeTwoFiguresTargets_SetFromTheParent_AndOnesAlreadySetWin()
    {
        await using var db = await NewDatabaseAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        var top = Unit(null, "MIG");
        var street = Unit(top, "MIG-1");
        db.OrgUnits.AddRange(top, street);
        // The street already set itself a members goal on the figures' page: the copy must not overwrite it.
        var mine = new IndicatorTarget
        {
            UnitId = street.Id, Year = 2026, Code = Members, Value = 99, SetByUnitId = street.Id, SetBy = "street", UpdatedAt = DateTimeOffset.UtcNow,
        };
        db.IndicatorTargets.Add(mine);
        await db.SaveChangesAsync();
        var at = new DateTimeOffset(2026, 3, 1, 2, 30, 0, TimeSpan.Zero);
        await db.Database.OpenConnectionAsync();
        await InsertOldTargetAsync(db, street.Id, 2026, 12, 66, at);
        await InsertOldTargetAsync(db, top.Id, 2025, 40, 200, at);

        await migrator.MigrateAsync();

        var targets = await db.IndicatorTargets.IgnoreQueryFilters().AsNoTracking().OrderBy(t => t.Year).ThenBy(t => t.Code).ToListAsync();
        Assert.Equal(4, targets.Count);
        var streetBuilt = targets.Single(t => t.UnitId == street.Id && t.Code == Built);
        Assert.Equal((2026, 12m, top.Id, "district", at), (streetBuilt.Year, streetBuilt.Value, streetBuilt.SetByUnitId, streetBuilt.SetBy, streetBuilt.UpdatedAt));
        var streetMembers = targets.Single(t => t.UnitId == street.Id && t.Code == Members);
        Assert.Equal((mine.Id, 99m, street.Id, "street"), (streetMembers.Id, streetMembers.Value, streetMembers.SetByUnitId, streetMembers.SetBy));
        // A top unit's target is its own (a system administrator's, decision 007).
        Assert.Equal(new[] { (Built, 40m), (Members, 200m) }, targets.Where(t => t.UnitId == top.Id).Select(t => (t.Code, t.Value)));
        Assert.All(targets.Where(t => t.UnitId == top.Id), t => Assert.Equal((2025, top.Id, at), (t.Year, t.SetByUnitId, t.UpdatedAt)));
        Assert.Equal(3, targets.Select(t => t.Id).Where(id => id != mine.Id).Distinct().Count());

        // Stored in the forms EF queries with: found by id, by unit and by value.
        foreach (var t in targets)
        {
            Assert.Equal(1, await db.IndicatorTargets.IgnoreQueryFilters().CountAsync(x => x.Id == t.Id && x.SetByUnitId == t.SetByUnitId && x.Value == t.Value));
        }
        Assert.Equal(2, await db.IndicatorTargets.IgnoreQueryFilters().CountAsync(x => x.UnitId == top.Id && x.Year == 2025 && x.UpdatedAt == at));

        await using var gone = db.Database.GetDbConnection().CreateCommand();
        gone.CommandText = """SELECT COUNT(*) FROM "BuildingTargets" """;
        await Assert.ThrowsAnyAsync<DbException>(() => gone.ExecuteScalarAsync());
    }
}

public sealed class BuildingTargetsMigrationOnSqlite : BuildingTargetsMigrationTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"qingyun-migration-{Guid.NewGuid():N}.db");

    protected override Task<AppDbContext> NewDatabaseAsync() => Task.FromResult(MigrationDatabases.Sqlite(_file));

    public void Dispose()
    {
        File.Delete(_file);
        GC.SuppressFinalize(this);
    }
}

public sealed class BuildingTargetsMigrationOnPostgres : BuildingTargetsMigrationTests
{
    protected override Task<AppDbContext> NewDatabaseAsync() => MigrationDatabases.PostgresAsync();
}
