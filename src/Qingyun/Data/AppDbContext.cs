using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Query;
using Qingyun.Domain.Access;
using Qingyun.Domain.Assistance;
using Qingyun.Domain.Audit;
using Qingyun.Domain.Direct;
using Qingyun.Domain.Documents;
using Qingyun.Domain.Hubs;
using Qingyun.Domain.Indicators;
using Qingyun.Domain.Notices;
using Qingyun.Domain.Cadres;
using Qingyun.Domain.Building;
using Qingyun.Domain.Organization;
using Qingyun.Domain.People;
using Qingyun.Domain.Rosters;
using Qingyun.Domain.SocialOrgs;
using Qingyun.Domain.Activities;
using Qingyun.Domain.Volunteering;
using Qingyun.Security;

namespace Qingyun.Data;

/// <summary>
/// The one DbContext. Scope is enforced here: every scoped entity has a named query filter "Scope"
/// that keeps only rows whose unit lies under one of the current user's grant paths for the matching
/// read permission, so a query cannot forget it.
///
/// There is one migrations set per provider, each on its own derived context. To add a migration:
///   dotnet ef migrations add Name -p src/Qingyun -c SqliteAppDbContext -o Data/Migrations/Sqlite
///   dotnet ef migrations add Name -p src/Qingyun -c PostgresAppDbContext -o Data/Migrations/Postgres
/// </summary>
public abstract class AppDbContext(DbContextOptions options)
    : IdentityDbContext<AppUser, IdentityRole<Guid>, Guid>(options), IDataProtectionKeyContext
{
    public const string ScopeFilter = "Scope";
    public const string SoftDeleteFilter = "SoftDelete";

    /// <summary>
    /// The request's scope. Contexts are pooled (their set-up was a sixth of a check-in's CPU), so it is set each time
    /// one is handed out (<see cref="DataSetup"/>) and cleared when it goes back.
    /// </summary>
    public CurrentScope Scope { get; internal set; } = new();

    public override void Dispose()
    {
        // Back in the pool it holds an empty scope of its own (no grants: it sees nothing), not the request's.
        Scope = new();
        base.Dispose();
        GC.SuppressFinalize(this);
    }

    public override ValueTask DisposeAsync()
    {
        Scope = new();
        GC.SuppressFinalize(this);
        return base.DisposeAsync();
    }

    public DbSet<OrgUnit> OrgUnits => Set<OrgUnit>();
    public DbSet<OrgUnitEvent> OrgUnitEvents => Set<OrgUnitEvent>();
    public DbSet<Person> People => Set<Person>();
    public DbSet<Membership> Memberships => Set<Membership>();
    public DbSet<MembershipEvent> MembershipEvents => Set<MembershipEvent>();
    public DbSet<Recruit> Recruits => Set<Recruit>();
    public DbSet<RecruitStep> RecruitSteps => Set<RecruitStep>();
    public DbSet<RecruitClass> RecruitClasses => Set<RecruitClass>();
    public DbSet<Transfer> Transfers => Set<Transfer>();
    public DbSet<ReviewRound> ReviewRounds => Set<ReviewRound>();
    public DbSet<ReviewEntry> ReviewEntries => Set<ReviewEntry>();
    public DbSet<Recommendation> Recommendations => Set<Recommendation>();
    public DbSet<Document> Documents => Set<Document>();
    public DbSet<Notice> Notices => Set<Notice>();
    public DbSet<CadreTerm> CadreTerms => Set<CadreTerm>();
    public DbSet<CadreTraining> CadreTrainings => Set<CadreTraining>();
    public DbSet<NewOrganization> NewOrganizations => Set<NewOrganization>();
    public DbSet<NewOrganizationEvent> NewOrganizationEvents => Set<NewOrganizationEvent>();
    public DbSet<Activity> Activities => Set<Activity>();
    public DbSet<Volunteer> Volunteers => Set<Volunteer>();
    public DbSet<VolunteerTeam> VolunteerTeams => Set<VolunteerTeam>();
    public DbSet<TeamMember> TeamMembers => Set<TeamMember>();
    public DbSet<ServiceProject> ServiceProjects => Set<ServiceProject>();
    public DbSet<Position> Positions => Set<Position>();
    public DbSet<SignUp> SignUps => Set<SignUp>();
    public DbSet<Attendance> Attendances => Set<Attendance>();
    public DbSet<ServiceEntry> ServiceEntries => Set<ServiceEntry>();
    public DbSet<Dispute> Disputes => Set<Dispute>();
    public DbSet<Certificate> Certificates => Set<Certificate>();
    public DbSet<Commendation> Commendations => Set<Commendation>();
    public DbSet<Benefit> Benefits => Set<Benefit>();
    public DbSet<Course> Courses => Set<Course>();
    public DbSet<TrainingSession> TrainingSessions => Set<TrainingSession>();
    public DbSet<TrainingRecord> TrainingRecords => Set<TrainingRecord>();
    public DbSet<OutgoingMessage> OutgoingMessages => Set<OutgoingMessage>();
    public DbSet<Hub> Hubs => Set<Hub>();
    public DbSet<ActivityCategory> ActivityCategories => Set<ActivityCategory>();
    public DbSet<PublicHoliday> PublicHolidays => Set<PublicHoliday>();
    public DbSet<QuarterTheme> QuarterThemes => Set<QuarterTheme>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Participation> Participations => Set<Participation>();
    public DbSet<ActivityPhoto> ActivityPhotos => Set<ActivityPhoto>();
    public DbSet<ActivityFeedback> ActivityFeedback => Set<ActivityFeedback>();
    public DbSet<Teacher> Teachers => Set<Teacher>();
    public DbSet<Topic> Topics => Set<Topic>();
    public DbSet<MenuItem> MenuItems => Set<MenuItem>();
    public DbSet<MenuOrder> MenuOrders => Set<MenuOrder>();
    public DbSet<ActivitySeries> ActivitySeries => Set<ActivitySeries>();
    public DbSet<BeneficiaryCategory> BeneficiaryCategories => Set<BeneficiaryCategory>();
    public DbSet<AssistanceCase> AssistanceCases => Set<AssistanceCase>();
    public DbSet<CasePairing> CasePairings => Set<CasePairing>();
    public DbSet<CaseAccess> CaseAccess => Set<CaseAccess>();
    public DbSet<CasePlan> CasePlans => Set<CasePlan>();
    public DbSet<CaseVisit> CaseVisits => Set<CaseVisit>();
    public DbSet<CaseSupport> CaseSupports => Set<CaseSupport>();
    public DbSet<DirectBinding> DirectBindings => Set<DirectBinding>();
    public DbSet<DirectContact> DirectContacts => Set<DirectContact>();
    public DbSet<DirectContactYouth> DirectContactYouth => Set<DirectContactYouth>();
    public DbSet<SocialOrganization> SocialOrganizations => Set<SocialOrganization>();
    public DbSet<IncubationStep> IncubationSteps => Set<IncubationStep>();
    public DbSet<IncubationSupport> IncubationSupports => Set<IncubationSupport>();
    public DbSet<IncubationMentor> IncubationMentors => Set<IncubationMentor>();
    public DbSet<IncubationMilestone> IncubationMilestones => Set<IncubationMilestone>();
    public DbSet<Partnership> Partnerships => Set<Partnership>();
    public DbSet<EvaluationScheme> EvaluationSchemes => Set<EvaluationScheme>();
    public DbSet<EvaluationCriterion> EvaluationCriteria => Set<EvaluationCriterion>();
    public DbSet<Evaluation> Evaluations => Set<Evaluation>();
    public DbSet<EvaluationReviewer> EvaluationReviewers => Set<EvaluationReviewer>();
    public DbSet<EvaluationSubject> EvaluationSubjects => Set<EvaluationSubject>();
    public DbSet<ScoreSheet> ScoreSheets => Set<ScoreSheet>();
    public DbSet<CriterionScore> CriterionScores => Set<CriterionScore>();
    public DbSet<EvaluationResult> EvaluationResults => Set<EvaluationResult>();
    public DbSet<Allocation> Allocations => Set<Allocation>();
    public DbSet<AllocationLine> AllocationLines => Set<AllocationLine>();
    public DbSet<LibraryProject> LibraryProjects => Set<LibraryProject>();
    public DbSet<LibraryCase> LibraryCases => Set<LibraryCase>();
    public DbSet<VentureRound> VentureRounds => Set<VentureRound>();
    public DbSet<VentureApplication> VentureApplications => Set<VentureApplication>();
    public DbSet<VentureReport> VentureReports => Set<VentureReport>();
    public DbSet<VentureDisbursement> VentureDisbursements => Set<VentureDisbursement>();
    public DbSet<FigureTally> FigureTallies => Set<FigureTally>();
    public DbSet<FigureSubject> FigureSubjects => Set<FigureSubject>();
    public DbSet<FigureStale> FigureStales => Set<FigureStale>();
    public DbSet<ReportedIndicator> ReportedIndicators => Set<ReportedIndicator>();
    public DbSet<IndicatorReport> IndicatorReports => Set<IndicatorReport>();
    public DbSet<AssessmentItem> AssessmentItems => Set<AssessmentItem>();
    public DbSet<IndicatorTarget> IndicatorTargets => Set<IndicatorTarget>();
    public DbSet<WorkSummary> WorkSummaries => Set<WorkSummary>();
    public DbSet<Grant> Grants => Set<Grant>();
    public DbSet<ApiToken> ApiTokens => Set<ApiToken>();
    public DbSet<AuditEntry> AuditEntries => Set<AuditEntry>();
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Read by the query filters; EF Core turns these into parameters of every query, per query.
    private ScopeRanges UnitScope => Scope.RangesFor(Permission.UnitsRead);
    private ScopeRanges PeopleScope => Scope.RangesFor(Permission.PeopleRead);
    private ScopeRanges ServiceScope => Scope.RangesFor(Permission.ServiceRead);
    private ScopeRanges AuditScope => Scope.RangesFor(Permission.AuditRead);
    private ScopeRanges CaseScope => Scope.RangesFor(Permission.CasesRead);
    private ScopeRanges SocialScope => Scope.RangesFor(Permission.SocialOrgsRead);
    private bool SeesAnySocialOrgs => Scope.Has(Permission.SocialOrgsRead);
    private ScopeRanges FiguresScope => Scope.RangesFor(Permission.FiguresRead);
    private bool SeesAnyFigures => Scope.Has(Permission.FiguresRead);
    private Guid? ScopeUserId => Scope.UserId;
    private Guid? ScopePersonId => Scope.PersonId;
    private bool SeesUnitlessAudit => Scope.IsSystemAdmin;

    /// <summary>
    /// A unit lies in the scope's ranges. Written as range comparisons, not "starts with", so that the
    /// database answers from the index on Path and plans a scoped list units-first.
    /// </summary>
    private static readonly Expression<Func<OrgUnit, ScopeRanges, bool>> InRanges = (u, r) =>
        (string.Compare(u.Path, r.Lo0) >= 0 && string.Compare(u.Path, r.Hi0) < 0)
        || (string.Compare(u.Path, r.Lo1) >= 0 && string.Compare(u.Path, r.Hi1) < 0)
        || (string.Compare(u.Path, r.Lo2) >= 0 && string.Compare(u.Path, r.Hi2) < 0)
        || (string.Compare(u.Path, r.Lo3) >= 0 && string.Compare(u.Path, r.Hi3) < 0)
        || (r.HasMore && r.More.Any(p => u.Path.StartsWith(p)));

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly, t => t.Namespace == typeof(AppDbContext).Namespace + ".Configurations");

        builder.Entity<OrgUnit>().HasQueryFilter(ScopeFilter, UnitFilter(() => UnitScope));
        builder.Entity<OrgUnitEvent>().HasQueryFilter(ScopeFilter, OwnedFilter<OrgUnitEvent>(e => e.UnitId, () => UnitScope));
        // A protected person (a beneficiary who came in through a case) is listed only for those holding
        // CasesRead over their unit; the case owner and paired volunteer reach them through the case.
        builder.Entity<Person>().HasQueryFilter(ScopeFilter, Both(OwnedFilter<Person>(p => p.UnitId, () => PeopleScope),
            Either<Person>(p => !p.Protected, OwnedFilter<Person>(p => p.UnitId, () => CaseScope))));
        builder.Entity<Person>().HasQueryFilter(SoftDeleteFilter, x => x.DeletedAt == null);
        builder.Entity<Membership>().HasQueryFilter(ScopeFilter, OwnedFilter<Membership>(m => m.UnitId, () => PeopleScope));
        builder.Entity<MembershipEvent>().HasQueryFilter(ScopeFilter, OwnedFilter<MembershipEvent>(e => e.UnitId, () => PeopleScope));
        builder.Entity<Recruit>().HasQueryFilter(ScopeFilter, OwnedFilter<Recruit>(r => r.UnitId, () => PeopleScope));
        builder.Entity<RecruitStep>().HasQueryFilter(ScopeFilter, OwnedFilter<RecruitStep>(r => r.UnitId, () => PeopleScope));
        builder.Entity<RecruitClass>().HasQueryFilter(ScopeFilter, OwnedFilter<RecruitClass>(r => r.UnitId, () => PeopleScope));
        builder.Entity<ReviewRound>().HasQueryFilter(ScopeFilter, OwnedFilter<ReviewRound>(r => r.UnitId, () => PeopleScope));
        builder.Entity<ReviewEntry>().HasQueryFilter(ScopeFilter, OwnedFilter<ReviewEntry>(r => r.UnitId, () => PeopleScope));
        builder.Entity<Recommendation>().HasQueryFilter(ScopeFilter, OwnedFilter<Recommendation>(r => r.UnitId, () => PeopleScope));
        builder.Entity<Document>().HasQueryFilter(ScopeFilter, OwnedFilter<Document>(d => d.UnitId, () => PeopleScope));
        builder.Entity<Notice>().HasQueryFilter(ScopeFilter, OwnedFilter<Notice>(n => n.UnitId, () => PeopleScope));
        // A transfer is seen from both ends: the sending and the receiving branch (and so the units above them).
        builder.Entity<Transfer>().HasQueryFilter(ScopeFilter, Either(
            OwnedFilter<Transfer>(t => t.UnitId, () => PeopleScope), OwnedFilter<Transfer>(t => t.ToUnitId, () => PeopleScope)));
        builder.Entity<CadreTerm>().HasQueryFilter(ScopeFilter, OwnedFilter<CadreTerm>(t => t.UnitId, () => PeopleScope));
        builder.Entity<CadreTraining>().HasQueryFilter(ScopeFilter, OwnedFilter<CadreTraining>(t => t.UnitId, () => PeopleScope));
        // League building (非公团建) follows the people scope, not the unit scope: an organization record
        // names its contact person and phone, and its members added feed the roster work, so only those
        // who may read people there (League admins, cadres) see it — not a social-organization account
        // that merely reads the tree. Targets share the scope so progress and target are seen together.
        builder.Entity<NewOrganization>().HasQueryFilter(ScopeFilter, OwnedFilter<NewOrganization>(o => o.UnitId, () => PeopleScope));
        builder.Entity<NewOrganizationEvent>().HasQueryFilter(ScopeFilter, OwnedFilter<NewOrganizationEvent>(e => e.UnitId, () => PeopleScope));
        // Volunteer service follows its own permission: a social organization organizes service for its
        // unit without reading the League roster. Each record belongs to the organizing (or registering) unit;
        // a volunteer's own pages read their own rows by person, one table at a time.
        builder.Entity<Activity>().HasQueryFilter(ScopeFilter, OwnedFilter<Activity>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Volunteer>().HasQueryFilter(ScopeFilter, OwnedFilter<Volunteer>(x => x.UnitId, () => ServiceScope));
        builder.Entity<VolunteerTeam>().HasQueryFilter(ScopeFilter, OwnedFilter<VolunteerTeam>(x => x.UnitId, () => ServiceScope));
        builder.Entity<TeamMember>().HasQueryFilter(ScopeFilter, OwnedFilter<TeamMember>(x => x.UnitId, () => ServiceScope));
        builder.Entity<ServiceProject>().HasQueryFilter(ScopeFilter, OwnedFilter<ServiceProject>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Position>().HasQueryFilter(ScopeFilter, OwnedFilter<Position>(x => x.UnitId, () => ServiceScope));
        builder.Entity<SignUp>().HasQueryFilter(ScopeFilter, OwnedFilter<SignUp>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Attendance>().HasQueryFilter(ScopeFilter, OwnedFilter<Attendance>(x => x.UnitId, () => ServiceScope));
        builder.Entity<ServiceEntry>().HasQueryFilter(ScopeFilter, OwnedFilter<ServiceEntry>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Dispute>().HasQueryFilter(ScopeFilter, OwnedFilter<Dispute>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Certificate>().HasQueryFilter(ScopeFilter, OwnedFilter<Certificate>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Commendation>().HasQueryFilter(ScopeFilter, OwnedFilter<Commendation>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Benefit>().HasQueryFilter(ScopeFilter, OwnedFilter<Benefit>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Course>().HasQueryFilter(ScopeFilter, OwnedFilter<Course>(x => x.UnitId, () => ServiceScope));
        builder.Entity<TrainingSession>().HasQueryFilter(ScopeFilter, OwnedFilter<TrainingSession>(x => x.UnitId, () => ServiceScope));
        builder.Entity<TrainingRecord>().HasQueryFilter(ScopeFilter, OwnedFilter<TrainingRecord>(x => x.UnitId, () => ServiceScope));
        builder.Entity<OutgoingMessage>().HasQueryFilter(ScopeFilter, OwnedFilter<OutgoingMessage>(x => x.UnitId, () => ServiceScope));
        // Youth activities and hubs follow the same permission as volunteer service: the League admins, cadres
        // and social organizations who run activities run them all (decision 011).
        builder.Entity<Hub>().HasQueryFilter(ScopeFilter, OwnedFilter<Hub>(x => x.UnitId, () => ServiceScope));
        builder.Entity<QuarterTheme>().HasQueryFilter(ScopeFilter, OwnedFilter<QuarterTheme>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Registration>().HasQueryFilter(ScopeFilter, OwnedFilter<Registration>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Participation>().HasQueryFilter(ScopeFilter, OwnedFilter<Participation>(x => x.UnitId, () => ServiceScope));
        builder.Entity<ActivityPhoto>().HasQueryFilter(ScopeFilter, OwnedFilter<ActivityPhoto>(x => x.UnitId, () => ServiceScope));
        builder.Entity<ActivityFeedback>().HasQueryFilter(ScopeFilter, OwnedFilter<ActivityFeedback>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Teacher>().HasQueryFilter(ScopeFilter, OwnedFilter<Teacher>(x => x.UnitId, () => ServiceScope));
        builder.Entity<Topic>().HasQueryFilter(ScopeFilter, OwnedFilter<Topic>(x => x.UnitId, () => ServiceScope));
        builder.Entity<MenuItem>().HasQueryFilter(ScopeFilter, OwnedFilter<MenuItem>(x => x.UnitId, () => ServiceScope));
        builder.Entity<MenuOrder>().HasQueryFilter(ScopeFilter, OwnedFilter<MenuOrder>(x => x.UnitId, () => ServiceScope));
        builder.Entity<ActivitySeries>().HasQueryFilter(ScopeFilter, OwnedFilter<ActivitySeries>(x => x.UnitId, () => ServiceScope));
        // Assistance cases (decision 012): administrators with CasesRead over the unit, the case's owner and
        // the people paired with it now — nobody else, whatever else they may read there. Everything
        // hanging off a case is seen exactly when the case is.
        builder.Entity<AssistanceCase>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<AssistanceCase>(c => c.UnitId, () => CaseScope),
            c => (ScopeUserId != null && c.OwnerUserId == ScopeUserId)
                || (ScopePersonId != null && Set<CaseAccess>().Any(a => a.CaseId == c.Id && a.PersonId == ScopePersonId))));
        builder.Entity<CasePairing>().HasQueryFilter(ScopeFilter, x => Set<AssistanceCase>().Any(c => c.Id == x.CaseId));
        builder.Entity<CasePlan>().HasQueryFilter(ScopeFilter, x => Set<AssistanceCase>().Any(c => c.Id == x.CaseId));
        builder.Entity<CaseVisit>().HasQueryFilter(ScopeFilter, x => Set<AssistanceCase>().Any(c => c.Id == x.CaseId));
        builder.Entity<CaseSupport>().HasQueryFilter(ScopeFilter, x => Set<AssistanceCase>().Any(c => c.Id == x.CaseId));
        // 1+100 follows the roster: whoever reads people of the cadre's unit.
        builder.Entity<DirectBinding>().HasQueryFilter(ScopeFilter, OwnedFilter<DirectBinding>(x => x.UnitId, () => PeopleScope));
        builder.Entity<DirectContact>().HasQueryFilter(ScopeFilter, OwnedFilter<DirectContact>(x => x.UnitId, () => PeopleScope));
        builder.Entity<DirectContactYouth>().HasQueryFilter(ScopeFilter, OwnedFilter<DirectContactYouth>(x => x.UnitId, () => PeopleScope));
        // Youth social organizations (decision 013): League staff with SocialOrgsRead over the registry unit;
        // the organization's own account; and the reviewers of an evaluation, for the subjects they score.
        // The filters reach only "downwards" (organization → subject → reviewer; round → organization,
        // evaluation; scheme → evaluation, round) so that no filter refers back to itself.
        builder.Entity<EvaluationReviewer>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<EvaluationReviewer>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && x.UserId == ScopeUserId));
        builder.Entity<Evaluation>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<Evaluation>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && Set<EvaluationReviewer>().Any(r => r.EvaluationId == x.Id && r.UserId == ScopeUserId)));
        builder.Entity<EvaluationSubject>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<EvaluationSubject>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && Set<EvaluationReviewer>().Any(r => r.EvaluationId == x.EvaluationId && r.UserId == ScopeUserId)));
        builder.Entity<ScoreSheet>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<ScoreSheet>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && Set<EvaluationReviewer>().Any(r => r.EvaluationId == x.EvaluationId && r.UserId == ScopeUserId)));
        builder.Entity<CriterionScore>().HasQueryFilter(ScopeFilter, x => Set<ScoreSheet>().Any(s => s.Id == x.SheetId));
        builder.Entity<EvaluationResult>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<EvaluationResult>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && Set<EvaluationReviewer>().Any(r => r.EvaluationId == x.EvaluationId && r.UserId == ScopeUserId)));
        builder.Entity<Allocation>().HasQueryFilter(ScopeFilter, OwnedFilter<Allocation>(x => x.UnitId, () => SocialScope));
        builder.Entity<AllocationLine>().HasQueryFilter(ScopeFilter, x => Set<Allocation>().Any(a => a.Id == x.AllocationId));
        builder.Entity<SocialOrganization>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<SocialOrganization>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && (x.AccountUserId == ScopeUserId
                || Set<EvaluationSubject>().Any(s => s.OrganizationId == x.Id
                    && Set<EvaluationReviewer>().Any(r => r.EvaluationId == s.EvaluationId && r.UserId == ScopeUserId)))));
        builder.Entity<IncubationStep>().HasQueryFilter(ScopeFilter, x => Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId));
        builder.Entity<IncubationSupport>().HasQueryFilter(ScopeFilter, x => Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId));
        builder.Entity<IncubationMentor>().HasQueryFilter(ScopeFilter, x => Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId));
        builder.Entity<IncubationMilestone>().HasQueryFilter(ScopeFilter, x => Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId));
        builder.Entity<Partnership>().HasQueryFilter(ScopeFilter, x => Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId));
        // A scheme is read by its unit's subtree, and — once published — by League staff anywhere who may use
        // it, by the reviewers of an evaluation using it, and by whoever sees a round reviewed with it.
        builder.Entity<EvaluationScheme>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<EvaluationScheme>(x => x.UnitId, () => SocialScope),
            x => x.Status != SchemeStatus.Draft && (SeesAnySocialOrgs
                || Set<Evaluation>().Any(e => e.SchemeId == x.Id) || Set<VentureRound>().Any(r => r.SchemeId == x.Id))));
        builder.Entity<EvaluationCriterion>().HasQueryFilter(ScopeFilter, x => Set<EvaluationScheme>().Any(s => s.Id == x.SchemeId));
        // A round's call for applications is public to organizations once opened; its reviewers see it too.
        builder.Entity<VentureRound>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<VentureRound>(x => x.UnitId, () => SocialScope),
            x => x.Status != RoundStatus.Draft && ScopeUserId != null
                && (Set<SocialOrganization>().Any(o => o.AccountUserId == ScopeUserId) || Set<Evaluation>().Any(e => e.RoundId == x.Id))));
        builder.Entity<VentureApplication>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<VentureApplication>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && (Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId && o.AccountUserId == ScopeUserId)
                || Set<EvaluationSubject>().Any(s => s.ApplicationId == x.Id
                    && Set<EvaluationReviewer>().Any(r => r.EvaluationId == s.EvaluationId && r.UserId == ScopeUserId)))));
        builder.Entity<VentureReport>().HasQueryFilter(ScopeFilter, x => Set<VentureApplication>().Any(a => a.Id == x.ApplicationId));
        builder.Entity<VentureDisbursement>().HasQueryFilter(ScopeFilter, x => Set<VentureApplication>().Any(a => a.Id == x.ApplicationId));
        // The project library follows the scope (budgets, the organization's own work); written-up cases are
        // for learning and are shared with League staff everywhere who work with social organizations.
        builder.Entity<LibraryProject>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<LibraryProject>(x => x.UnitId, () => SocialScope),
            x => ScopeUserId != null && x.OrganizationId != null
                && Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId && o.AccountUserId == ScopeUserId)));
        builder.Entity<LibraryCase>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<LibraryCase>(x => x.UnitId, () => SocialScope),
            x => SeesAnySocialOrgs || (ScopeUserId != null && x.OrganizationId != null
                && Set<SocialOrganization>().Any(o => o.Id == x.OrganizationId && o.AccountUserId == ScopeUserId))));
        // Indicators and the annual summary (decision 014). A reported indicator is a definition the units below
        // report against, so League staff anywhere read the catalogue; values, targets and summaries follow the scope.
        // Roll-up cells hold counts only and are read through the pages' unit check, never listed.
        builder.Entity<ReportedIndicator>().HasQueryFilter(ScopeFilter, Either(OwnedFilter<ReportedIndicator>(x => x.UnitId, () => FiguresScope),
            x => SeesAnyFigures));
        builder.Entity<IndicatorReport>().HasQueryFilter(ScopeFilter, OwnedFilter<IndicatorReport>(x => x.UnitId, () => FiguresScope));
        builder.Entity<IndicatorTarget>().HasQueryFilter(ScopeFilter, OwnedFilter<IndicatorTarget>(x => x.UnitId, () => FiguresScope));
        builder.Entity<AssessmentItem>().HasQueryFilter(ScopeFilter, OwnedFilter<AssessmentItem>(x => x.UnitId, () => FiguresScope));
        builder.Entity<WorkSummary>().HasQueryFilter(ScopeFilter, OwnedFilter<WorkSummary>(x => x.UnitId, () => FiguresScope));
        // Lines with no unit (sign-ins of unknown names, tokens) are for system administrators.
        var owned = OwnedFilter<AuditEntry>(a => a.UnitId!.Value, () => AuditScope);
        Expression<Func<AuditEntry, bool>> unitless = a => a.UnitId == null && SeesUnitlessAudit;
        builder.Entity<AuditEntry>().HasQueryFilter(ScopeFilter, Either(unitless, owned));
    }

    /// <summary>x => a(x) &amp;&amp; b(x).</summary>
    private static Expression<Func<T, bool>> Both<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.AndAlso(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters[0]);

    /// <summary>x => a(x) || b(x).</summary>
    private static Expression<Func<T, bool>> Either<T>(Expression<Func<T, bool>> a, Expression<Func<T, bool>> b) =>
        Expression.Lambda<Func<T, bool>>(
            Expression.OrElse(a.Body, ReplacingExpressionVisitor.Replace(b.Parameters[0], a.Parameters[0], b.Body)), a.Parameters[0]);

    /// <summary>u => InRanges(u, ranges()).</summary>
    private static Expression<Func<OrgUnit, bool>> UnitFilter(Expression<Func<ScopeRanges>> ranges)
    {
        var u = InRanges.Parameters[0];
        var body = ReplacingExpressionVisitor.Replace(InRanges.Parameters[1], ranges.Body, InRanges.Body);
        return Expression.Lambda<Func<OrgUnit, bool>>(body, u);
    }

    /// <summary>x => Set&lt;OrgUnit&gt;().Any(u => u.Id == unitOf(x) &amp;&amp; InRanges(u, ranges())).</summary>
    private Expression<Func<T, bool>> OwnedFilter<T>(Expression<Func<T, Guid>> unitOf, Expression<Func<ScopeRanges>> ranges)
    {
        var x = unitOf.Parameters[0];
        var unitFilter = UnitFilter(ranges);
        var u = unitFilter.Parameters[0];
        var match = Expression.Lambda<Func<OrgUnit, bool>>(
            Expression.AndAlso(Expression.Equal(Expression.Property(u, nameof(OrgUnit.Id)), unitOf.Body), unitFilter.Body), u);
        Expression<Func<IQueryable<OrgUnit>>> units = () => Set<OrgUnit>();
        var any = Expression.Call(typeof(Queryable), nameof(Queryable.Any), [typeof(OrgUnit)], units.Body, Expression.Quote(match));
        return Expression.Lambda<Func<T, bool>>(any, x);
    }
}

public sealed class SqliteAppDbContext(DbContextOptions<SqliteAppDbContext> options)
    : AppDbContext(options)
{
    // SQLite has no date-time-with-offset type; stored as UTC ticks so it sorts and compares in SQL.
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<UtcTicksConverter>();
        configurationBuilder.Properties<DateTimeOffset?>().HaveConversion<UtcTicksConverter>();
    }
}

internal sealed class UtcTicksConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTimeOffset, long>(
    v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));

public sealed class PostgresAppDbContext(DbContextOptions<PostgresAppDbContext> options)
    : AppDbContext(options)
{
    // Byte order for paths, so a subtree is one index range whatever the database's locale.
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.Entity<OrgUnit>().Property(u => u.Path).UseCollation("C");
        // A dashboard compares its children by their year cells (decision 014): an index of those alone, holding every
        // column, answers it from the index (a city's ten districts: ~0.3 ms instead of ~0.8 ms, issue 8). SQLite is
        // the one-district default and reads them through the key.
        builder.Entity<FigureTally>().HasIndex(t => new { t.UnitId, t.Year }, "IX_FigureTallies_YearCells").HasFilter("\"Month\" = 0")
            .IncludeProperties(t => new { t.Code, t.Month, t.Key, t.Own, t.Total });
        // A token's last use is written back (at most once a minute each, TokenUsage): at a busy gate that is a row per
        // check-in. With half of each page kept free the new version stays on its page and no index is touched (a HOT
        // update), even when every token on a page is marked in the same flush (people registered together check in
        // together; at 80 a quarter were HOT). On full pages each one wrote into all three indexes, the 64-character
        // hash's among them, and the flush was a third of the database's time. SQLite updates in place.
        builder.Entity<ApiToken>().HasStorageParameter("fillfactor", 50);
    }
}
