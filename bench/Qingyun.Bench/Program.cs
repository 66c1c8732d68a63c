using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Qingyun;
using Qingyun.Bench;
using Qingyun.Data;
using Qingyun.Domain.Access;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Security;

// dotnet run -c Release --project bench/Qingyun.Bench -- [district|city|province] [--write docs/benchmarks.md]
//   [--Database:Provider Postgres --ConnectionStrings:Qingyun "..."]
// Generates an organization at the given scale in a fresh database, then times the tree and scope
// queries a user waits on. Each timing is the median of repeated runs; the floor (a trivial query
// on the same connection) is measured in the same run so results compare as ratios across machines.
var scaleName = args.FirstOrDefault(a => !a.StartsWith("--", StringComparison.Ordinal) && !a.Contains(':', StringComparison.Ordinal) && !a.Contains('=', StringComparison.Ordinal)) ?? "province";
var members = scaleName == "members";
var scale = members ? Scale.Members : Scale.Parse(scaleName);
var writeIndex = Array.IndexOf(args, "--write");
var writeTo = writeIndex >= 0 && writeIndex + 1 < args.Length ? args[writeIndex + 1] : null;
if (scaleName is "checkin" or "totals" or "figures")
{
    // dotnet run -c Release --project bench/Qingyun.Bench -- checkin [--clients 64] [--seconds 60] [--write docs/benchmarks.md]
    // dotnet run -c Release --project bench/Qingyun.Bench -- totals [--volunteers 1000000] [--records-each 20] [--write docs/benchmarks.md]
    // dotnet run -c Release --project bench/Qingyun.Bench -- figures [--people 2000000] [--records 20000000] [--activities 500000] [--runs 200] [--write docs/benchmarks.md]
    // Each starts its own PostgreSQL server (initdb, pg_ctl) under --pgdir (default /tmp) and removes it afterwards.
    if (scaleName == "checkin")
    {
        // The check-in clients' socket completions run on the runtime's socket threads instead of being handed to the
        // thread pool: a lean client, as pgbench is to the floor (PlainHttp). Read once, at the first socket; the app
        // is started without it (it serves other work too).
        Environment.SetEnvironmentVariable(VolunteerBench.InlineCompletions, "1");
    }
    var options = new VolunteerBench.Options(args);
    var volunteerReport = scaleName switch
    {
        "checkin" => await VolunteerBench.CheckInAsync(options),
        "figures" => await FiguresBench.RunAsync(options),
        _ => await VolunteerBench.TotalsAsync(options),
    };
    Console.WriteLine();
    Console.WriteLine(volunteerReport);
    if (writeTo is not null)
    {
        await File.AppendAllTextAsync(writeTo, volunteerReport + Environment.NewLine);
    }
    return 0;
}
var hostArgs = args.Where((a, i) => a.Contains(':', StringComparison.Ordinal) || (i > 0 && args[i - 1].Contains(':', StringComparison.Ordinal))).ToList();
var folder = Path.Combine(Path.GetTempPath(), "qingyun-bench-" + Guid.NewGuid().ToString("N")[..8]);
hostArgs.AddRange(["--Database:DataFolder", folder, "--Logging:LogLevel:Default", "Warning",
    "--Security:DataKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)),
    "--Security:IndexKey", Convert.ToBase64String(RandomNumberGenerator.GetBytes(32))]);

var app = AppHost.Build([.. hostArgs]);
await DataSetup.MigrateAsync(app.Services);
var generateClock = Stopwatch.StartNew();
var world = await ProvinceGenerator.GenerateAsync(app.Services, scale);
generateClock.Stop();
var provider = app.Configuration["Database:Provider"] ?? "Sqlite";
Console.WriteLine($"{scale.Name}: {world.Units:N0} units, {world.People:N0} people generated in {generateClock.Elapsed.TotalSeconds:F1} s on {provider}");
if (members)
{
    // dotnet run -c Release --project bench/Qingyun.Bench -- members [--rows 100000] [--roster 200000] [--write docs/benchmarks.md]
    var rowsIndex = Array.IndexOf(args, "--rows");
    var rowCount = rowsIndex >= 0 ? int.Parse(args[rowsIndex + 1], CultureInfo.InvariantCulture) : 100_000;
    var rosterIndex = Array.IndexOf(args, "--roster");
    var rosterSize = rosterIndex >= 0 ? int.Parse(args[rosterIndex + 1], CultureInfo.InvariantCulture) : 200_000;
    var memberReport = await MemberImportBench.RunAsync(app.Services, world, rowCount, rosterSize, provider);
    Console.WriteLine(memberReport);
    if (writeTo is not null)
    {
        await File.AppendAllTextAsync(writeTo, memberReport + Environment.NewLine);
    }
    // The member run leaves a ~170 MB database behind otherwise.
    Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    try
    {
        Directory.Delete(folder, recursive: true);
    }
    catch (IOException)
    {
    }
    return 0;
}

// A district admin's view: the scope filter is on every query below.
static ScopeGrant GrantOn(Qingyun.Domain.Organization.OrgUnit u, Role role) => new(Guid.NewGuid(), u.Id, u.Path, u.Code, u.Name, role);

async Task<double> MedianMs(string name, Func<IServiceProvider, Task> work, ScopeGrant? grant, int runs = 21)
{
    var samples = new List<double>();
    for (var i = 0; i < runs + 2; i++)
    {
        using var scope = app.Services.CreateScope();
        var current = scope.ServiceProvider.GetRequiredService<CurrentScope>();
        if (grant is null)
        {
            current.RunAsSystem("bench");
        }
        else
        {
            current.Load(Guid.NewGuid(), "bench", [grant]);
        }
        var sw = Stopwatch.StartNew();
        await work(scope.ServiceProvider);
        sw.Stop();
        if (i >= 2)
        {
            samples.Add(sw.Elapsed.TotalMilliseconds);
        }
    }
    samples.Sort();
    var median = samples[samples.Count / 2];
    Console.WriteLine($"  {name,-58} {median,9:F2} ms");
    return median;
}

var province = GrantOn(world.Province, Role.LeagueAdmin);
var district = GrantOn(world.FirstDistrict, Role.LeagueAdmin);
var results = new List<(string Name, double Ms)>
{
    ("floor: SELECT 1 on a pooled connection", await MedianMs("floor", sp => sp.GetRequiredService<AppDbContext>().Database.ExecuteSqlRawAsync("SELECT 1"), null)),
    ("tree roots for a province admin", await MedianMs("roots (province admin)", sp => sp.GetRequiredService<BrowseUnits>().RootsAsync(default), province)),
    ("open one street: its communities with child counts", await MedianMs("children of a street (district admin)", sp => sp.GetRequiredService<BrowseUnits>().ChildrenAsync(world.FirstStreet.Id, false, 0, default), district)),
    ("open the province: its cities", await MedianMs("children of the province (province admin)", sp => sp.GetRequiredService<BrowseUnits>().ChildrenAsync(world.Province.Id, false, 0, default), province)),
    ("search \"第7社区\" across the province", await MedianMs("search across the province", sp => sp.GetRequiredService<BrowseUnits>().SearchAsync("第7社区", default), province)),
    ("unit page: ancestors, counts, history", await MedianMs("unit details (district admin)", sp => sp.GetRequiredService<BrowseUnits>().DetailsAsync(world.FirstStreet.Id, default), district)),
    ("first page of people in a district (scope filter)", await MedianMs("people page 1 (district admin)", sp => sp.GetRequiredService<BrowsePeople>().ListAsync(null, null, null, default), district)),
    ("people named \"青年12\" in the province", await MedianMs("people by name (province admin)", sp => sp.GetRequiredService<BrowsePeople>().ListAsync(null, "青年12", null, default), province)),
};

// Moving a street with its subtree back and forth: one statement rewrites every path below it.
var original = world.FirstDistrict.Id;
var toggle = false;
results.Add(("move a street with its subtree to another district", await MedianMs("move a street subtree", async sp =>
{
    toggle = !toggle;
    var r = await sp.GetRequiredService<MoveUnit.Handler>().Handle(new MoveUnit.Command(world.FirstStreet.Id, toggle ? world.SecondDistrict.Id : original), default);
    if (!r.Ok)
    {
        throw new InvalidOperationException(r.Failures[0].MessageKey);
    }
}, null, runs: 11)));

var floor = results[0].Ms;
var report = new StringBuilder();
report.AppendLine(CultureInfo.InvariantCulture, $"### {scale.Name} scale on {provider}: {world.Units:N0} units, {world.People:N0} people");
report.AppendLine();
report.AppendLine(CultureInfo.InvariantCulture, $"Measured {DateTime.UtcNow:yyyy-MM-dd} on {Environment.ProcessorCount} cores; medians of 21 runs (11 for moves); generation took {generateClock.Elapsed.TotalSeconds:F1} s.");
report.AppendLine();
report.AppendLine("| operation | median ms | × floor |");
report.AppendLine("| --- | ---: | ---: |");
foreach (var (name, ms) in results)
{
    report.AppendLine(CultureInfo.InvariantCulture, $"| {name} | {ms:F2} | {ms / floor:F0} |");
}
Console.WriteLine();
Console.WriteLine(report);
if (writeTo is not null)
{
    await File.AppendAllTextAsync(writeTo, report + Environment.NewLine);
}
Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
try
{
    Directory.Delete(folder, recursive: true);
}
catch (IOException)
{
}
return 0;
