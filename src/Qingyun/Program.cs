using Qingyun;
using Qingyun.Cli;
using Qingyun.Data;

// `qingyun migrate|create-admin|seed-demo|backup|restore …` run a command; anything else serves.
var command = CommandLine.Parse(args);
var app = AppHost.Build(command.HostArgs);
if (command.Verb is not null)
{
    return await CommandLine.RunAsync(app, command);
}

await DataSetup.MigrateAsync(app.Services);
if (command.Demo)
{
    await DemoDistrict.SeedAndPrintAsync(app.Services, Console.Out);
}
await FirstRun.PrintHintAsync(app.Services, app.Logger);
await app.RunAsync();
return 0;

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
