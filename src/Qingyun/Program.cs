using Qingyun.Cli;
using Qingyun.Data;
using Qingyun.Features.Accounts;
using Qingyun.Features.Audit;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Infrastructure;
using Qingyun.Security;

// `qingyun migrate|create-admin|seed-demo|backup|restore …` run a command; anything else serves.
var command = CommandLine.Parse(args);
var app = BuildApp(command.HostArgs);
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

static WebApplication BuildApp(string[] args)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
    builder.AddQingyunData();
    builder.AddQingyunSecurity();
    builder.AddQingyunWeb();
    builder.Services.AddOrganization();
    builder.Services.AddPeople();
    builder.Services.AddAccounts();

    var app = builder.Build();
    app.UseQingyunWeb();
    app.UseQingyunSecurity();
    app.MapQingyunWeb();
    app.MapOrganizationApi();
    app.MapPeopleApi();
    app.MapAuditApi();
    return app;
}

/// <summary>Visible to WebApplicationFactory in the tests.</summary>
public partial class Program;
