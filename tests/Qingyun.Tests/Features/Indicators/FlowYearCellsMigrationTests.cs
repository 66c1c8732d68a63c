using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Qingyun.Data;
using Qingyun.Domain.Indicators;
using Qingyun.Features.Indicators;
using Qingyun.Tests.Infrastructure;

namespace Qingyun.Tests.Features.Indicators;

/// <summary>
/// The migration that gave every flow its year cell (month 0) adds them to roll-ups counted before it, so a database
/// upgraded in place shows the same figures as before without a recount: the year cell is the sum of the months over
/// every category, distinct-person and stock cells are left alone, and the cells are stored in the form EF queries
/// them with (SQLite keeps decimals as text).
/// </summary>
public abstract class FlowYearCellsMigrationTests
{
    private const string Before = "Assessment";

    protected abstract Task<AppDbContext> NewDatabaseAsync();

    [Fact]
    public async Task CellsCountedBeforeIt_GetTheirYearCell_WithTheSameFigures()
    {
        await using var db = await NewDatabaseAsync();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync(Before);
        var unit = Guid.CreateVersion7();
        var cat1 = Guid.CreateVersion7().ToString("N");
        var cat2 = Guid.CreateVersion7().ToString("N");
        FigureTally Cell(string code, int year, int month, decimal own, decimal total, string key = "") =>
            new() { UnitId = unit, Code = code, Year = year, Month = month, Key = key, Own = own, Total = total };
        db.FigureTallies.AddRange(
            Cell(Catalogue.ServiceHours, 2026, 3, 90, 600),
            Cell(Catalogue.ServiceHours, 2026, 11, 30, 45.5m),
            Cell(Catalogue.ServiceHours, 2025, 12, 60, 60),
            Cell(Catalogue.YouthActivities, 2026, 5, 1, 4, cat1),
            Cell(Catalogue.YouthActivities, 2026, 5, 0, 2, cat2),
            Cell(Catalogue.YouthActivities, 2026, 9, 2, 3, cat1),
            // A correction took back what a month held: the months cancel, so no year cell is written.
            Cell(Catalogue.ServicePersonTimes, 2026, 4, 2, 2),
            Cell(Catalogue.ServicePersonTimes, 2026, 6, -2, -2),
            Cell(Catalogue.ServiceVolunteers, 2026, 0, 3, 7),
            Cell(Catalogue.MembersRegistered, FigureTally.CurrentYear, 0, 12, 120));
        await db.SaveChangesAsync();

        await migrator.MigrateAsync();

        var year = (await db.FigureTallies.IgnoreQueryFilters().AsNoTracking().Where(t => t.UnitId == unit && t.Month == 0).ToListAsync())
            .OrderBy(t => t.Code).ThenBy(t => t.Year).Select(t => (t.Code, t.Year, t.Key, t.Own, t.Total)).ToList();
        Assert.Equal(new[]
        {
            (Catalogue.MembersRegistered, FigureTally.CurrentYear, "", 12m, 120m),
            (Catalogue.ServiceHours, 2025, "", 60m, 60m),
            (Catalogue.ServiceHours, 2026, "", 120m, 645.5m),
            (Catalogue.ServiceVolunteers, 2026, "", 3m, 7m),
            (Catalogue.YouthActivities, 2026, "", 3m, 9m),
        }, year);

        // Found by value, as the refresh finds the cells it changes.
        Assert.Equal(1, await db.FigureTallies.IgnoreQueryFilters().CountAsync(t => t.UnitId == unit && t.Month == 0 && t.Total == 645.5m && t.Own == 120m));
        Assert.Equal(1, await db.FigureTallies.IgnoreQueryFilters().CountAsync(t => t.UnitId == unit && t.Month == 0 && t.Code == Catalogue.YouthActivities && t.Total == 9m));

        // And the figures read from them are the sums of the months, as before.
        var figures = new UnitFigures(await db.FigureTallies.IgnoreQueryFilters().AsNoTracking().Where(t => t.UnitId == unit).ToListAsync(), 2026);
        Assert.Equal(645.5m, figures.Value(unit, Catalogue.Find(Catalogue.ServiceHours)!, 2026));
        Assert.Equal(9m, figures.Value(unit, Catalogue.Find(Catalogue.YouthActivities)!, 2026));
        Assert.Equal(0m, figures.Value(unit, Catalogue.Find(Catalogue.ServicePersonTimes)!, 2026));
        Assert.Equal(new Dictionary<string, decimal> { [cat1] = 7, [cat2] = 2 }, figures.ByKey(unit, Catalogue.Find(Catalogue.YouthActivities)!, 2026));
    }
}

public sealed class FlowYearCellsMigrationOnSqlite : FlowYearCellsMigrationTests, IDisposable
{
    private readonly string _file = Path.Combine(Path.GetTempPath(), $"qingyun-migration-{Guid.NewGuid():N}.db");

    protected override Task<AppDbContext> NewDatabaseAsync() => Task.FromResult(MigrationDatabases.Sqlite(_file));

    public void Dispose()
    {
        File.Delete(_file);
        GC.SuppressFinalize(this);
    }
}

public sealed class FlowYearCellsMigrationOnPostgres : FlowYearCellsMigrationTests
{
    protected override Task<AppDbContext> NewDatabaseAsync() => MigrationDatabases.PostgresAsync();
}
