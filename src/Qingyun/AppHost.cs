using Qingyun.Data;
using Qingyun.Features.Activities;
using Qingyun.Features.Assistance;
using Qingyun.Features.Hubs;
using Qingyun.Features.Accounts;
using Qingyun.Features.Audit;
using Qingyun.Features.Documents;
using Qingyun.Features.Exchange;
using Qingyun.Features.Recommendations;
using Qingyun.Features.Recruitment;
using Qingyun.Features.Reviews;
using Qingyun.Features.Transfers;
using Qingyun.Features.Cadres;
using Qingyun.Features.Direct;
using Qingyun.Features.Indicators;
using Qingyun.Features.Indicators.Summary;
using Qingyun.Features.Certificates;
using Qingyun.Features.Recognition;
using Qingyun.Features.Building;
using Qingyun.Features.Pool;
using Qingyun.Features.Volunteering;
using Qingyun.Features.Menu;
using Qingyun.Features.SocialOrgs.Ventures;
using Qingyun.Features.Organization;
using Qingyun.Features.People;
using Qingyun.Features.Rosters;
using Qingyun.Features.SocialOrgs.Evaluations;
using Qingyun.Features.SocialOrgs;
using Qingyun.Features.Training;
using Qingyun.Infrastructure;
using Qingyun.Security;

namespace Qingyun;

/// <summary>Builds the app: one AddX()/MapX() pair per area. The server, the command line and the benchmarks share it.</summary>
public static class AppHost
{
    public static WebApplication Build(string[] args)
    {
        var builder = WebApplication.CreateBuilder(args);
        builder.WebHost.UseUrls(builder.Configuration["Urls"] ?? "http://127.0.0.1:5080");
        builder.AddQingyunData();
        builder.AddQingyunSecurity();
        builder.AddQingyunWeb();
        builder.Services.AddOrganization();
        builder.Services.AddPeople();
        builder.Services.AddAccounts();
        builder.Services.AddRosters();
        builder.Services.AddRecruitment();
        builder.Services.AddTransfers(builder.Configuration);
        builder.Services.AddReviews();
        builder.Services.AddRecommendations();
        builder.Services.AddCadres();
        builder.Services.AddBuilding();
        builder.Services.AddVolunteering(builder.Configuration);
        builder.Services.AddTraining();
        builder.Services.AddExchange();
        builder.Services.AddCertificates();
        builder.Services.AddRecognition();
        builder.Services.AddActivities();
        builder.Services.AddHubs();
        builder.Services.AddPool();
        builder.Services.AddMenu();
        builder.Services.AddAssistance();
        builder.Services.AddCasePlans();
        builder.Services.AddDirect();
        builder.Services.AddIndicators();
        builder.Services.AddSummary();
        builder.Services.AddEvaluations();
        builder.Services.AddSocialOrgRegistry();
        builder.Services.AddVentures();
        builder.Services.AddMemoryCache();

        var app = builder.Build();
        app.UseQingyunWeb();
        app.UseQingyunSecurity();
        app.MapQingyunWeb();
        app.MapOrganizationApi();
        app.MapPeopleApi();
        app.MapAuditApi();
        app.MapRostersApi();
        app.MapRecruitmentApi();
        app.MapTransfersApi();
        app.MapActivitiesApi();
        app.MapHubsApi();
        app.MapReviewsApi();
        app.MapRecommendationsApi();
        app.MapDocuments();
        app.MapCadresApi();
        app.MapBuildingApi();
        app.MapVolunteeringApi();
        app.MapTrainingApi();
        app.MapExchangeApi();
        app.MapCertificatesApi();
        app.MapRecognitionApi();
        app.MapPoolApi();
        app.MapMenuApi();
        app.MapAssistanceApi();
        app.MapCasePlansApi();
        app.MapDirectApi();
        app.MapIndicatorsApi();
        app.MapSummaryApi();
        app.MapEvaluationsApi();
        app.MapSocialOrgRegistryApi();
        app.MapVenturesApi();
        return app;
    }
}
