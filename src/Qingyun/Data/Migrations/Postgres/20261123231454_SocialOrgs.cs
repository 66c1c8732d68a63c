using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class SocialOrgs : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationSchemes",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    FamilyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    PublishedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationSchemes", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationSchemes_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "SocialOrganizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: true),
                    LegalStatus = table.Column<int>(type: "integer", nullable: false),
                    Field = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    FoundedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ContactPhoneCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    MemberCount = table.Column<int>(type: "integer", nullable: false),
                    YoungMemberCount = table.Column<int>(type: "integer", nullable: false),
                    HasLeagueBranch = table.Column<bool>(type: "boolean", nullable: false),
                    HasPartyBranch = table.Column<bool>(type: "boolean", nullable: false),
                    LeagueUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    Source = table.Column<int>(type: "integer", nullable: false),
                    ReviewStatus = table.Column<int>(type: "integer", nullable: false),
                    ReviewNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    Stage = table.Column<int>(type: "integer", nullable: true),
                    AccountUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SocialOrganizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SocialOrganizations_AspNetUsers_AccountUserId",
                        column: x => x.AccountUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialOrganizations_OrgUnits_LeagueUnitId",
                        column: x => x.LeagueUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_SocialOrganizations_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationCriteria",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Group = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Weight = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    MaxScore = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Guidance = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    EvidenceRequired = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SortOrder = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationCriteria", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationCriteria_EvaluationSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "EvaluationSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VentureRounds",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Description = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    Budget = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    MaxGrant = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplyFrom = table.Column<DateOnly>(type: "date", nullable: false),
                    ApplyUntil = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VentureRounds", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VentureRounds_EvaluationSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "EvaluationSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VentureRounds_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncubationMentors",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    Expertise = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationMentors", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncubationMentors_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncubationMilestones",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    DueOn = table.Column<DateOnly>(type: "date", nullable: false),
                    AchievedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationMilestones", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncubationMilestones_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncubationSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    From = table.Column<int>(type: "integer", nullable: true),
                    To = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncubationSteps_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "IncubationSupports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Description = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    GivenByUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IncubationSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IncubationSupports_OrgUnits_GivenByUnitId",
                        column: x => x.GivenByUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_IncubationSupports_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LibraryProjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Field = table.Column<int>(type: "integer", nullable: false),
                    Goals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Budget = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    Outcome = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryProjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryProjects_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LibraryProjects_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Partnerships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    From = table.Column<DateOnly>(type: "date", nullable: false),
                    Until = table.Column<DateOnly>(type: "date", nullable: false),
                    LeagueCommitments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    OrgCommitments = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    RevokedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    RevokeReason = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Partnerships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Partnerships_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Partnerships_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    SchemeId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: true),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ClosedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ClosedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_EvaluationSchemes_SchemeId",
                        column: x => x.SchemeId,
                        principalTable: "EvaluationSchemes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Evaluations_VentureRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VentureRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VentureApplications",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    RoundId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ProjectTitle = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Field = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Goals = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    BudgetNote = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    Requested = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    StartOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StatusNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Awarded = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedByUserId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VentureApplications", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VentureApplications_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VentureApplications_VentureRounds_RoundId",
                        column: x => x.RoundId,
                        principalTable: "VentureRounds",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "LibraryCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: true),
                    ProjectId = table.Column<Guid>(type: "uuid", nullable: true),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Field = table.Column<int>(type: "integer", nullable: false),
                    Summary = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    Body = table.Column<string>(type: "character varying(20000)", maxLength: 20000, nullable: false),
                    Tags = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    WrittenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_LibraryCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_LibraryCases_LibraryProjects_ProjectId",
                        column: x => x.ProjectId,
                        principalTable: "LibraryProjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LibraryCases_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_LibraryCases_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Allocations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Title = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Budget = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Bands = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Allocations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Allocations_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationReviewers",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UserId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    AddedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReviewers", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationReviewers_AspNetUsers_UserId",
                        column: x => x.UserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationReviewers_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationSubjects",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: true),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationSubjects", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationSubjects_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationSubjects_SocialOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "SocialOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationSubjects_VentureApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VentureApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VentureDisbursements",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    Reference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Note = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VentureDisbursements", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VentureDisbursements_VentureApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VentureApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "VentureReports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Body = table.Column<string>(type: "character varying(8000)", maxLength: 8000, nullable: false),
                    Spent = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: true),
                    Beneficiaries = table.Column<int>(type: "integer", nullable: true),
                    DocumentId = table.Column<Guid>(type: "uuid", nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    SubmittedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    Accepted = table.Column<bool>(type: "boolean", nullable: true),
                    ReviewNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ReviewedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ReviewedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VentureReports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_VentureReports_Documents_DocumentId",
                        column: x => x.DocumentId,
                        principalTable: "Documents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_VentureReports_VentureApplications_ApplicationId",
                        column: x => x.ApplicationId,
                        principalTable: "VentureApplications",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "AllocationLines",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    AllocationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    Label = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Band = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: true),
                    Shares = table.Column<int>(type: "integer", nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(14,2)", precision: 14, scale: 2, nullable: false),
                    RoundingAdjustment = table.Column<decimal>(type: "numeric(4,2)", precision: 4, scale: 2, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AllocationLines", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AllocationLines_Allocations_AllocationId",
                        column: x => x.AllocationId,
                        principalTable: "Allocations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Total = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Rank = table.Column<int>(type: "integer", nullable: false),
                    MissingCriteria = table.Column<int>(type: "integer", nullable: false),
                    Detail = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationResults_EvaluationSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "EvaluationSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_EvaluationResults_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "ScoreSheets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    EvaluationId = table.Column<Guid>(type: "uuid", nullable: false),
                    SubjectId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    ReviewerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    Comment = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    SubmittedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScoreSheets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ScoreSheets_EvaluationSubjects_SubjectId",
                        column: x => x.SubjectId,
                        principalTable: "EvaluationSubjects",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_ScoreSheets_Evaluations_EvaluationId",
                        column: x => x.EvaluationId,
                        principalTable: "Evaluations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CriterionScores",
                columns: table => new
                {
                    SheetId = table.Column<Guid>(type: "uuid", nullable: false),
                    CriterionId = table.Column<Guid>(type: "uuid", nullable: false),
                    Score = table.Column<decimal>(type: "numeric(6,2)", precision: 6, scale: 2, nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CriterionScores", x => new { x.SheetId, x.CriterionId });
                    table.ForeignKey(
                        name: "FK_CriterionScores_EvaluationCriteria_CriterionId",
                        column: x => x.CriterionId,
                        principalTable: "EvaluationCriteria",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CriterionScores_ScoreSheets_SheetId",
                        column: x => x.SheetId,
                        principalTable: "ScoreSheets",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_AllocationLines_AllocationId_Rank",
                table: "AllocationLines",
                columns: new[] { "AllocationId", "Rank" });

            migrationBuilder.CreateIndex(
                name: "IX_Allocations_EvaluationId",
                table: "Allocations",
                column: "EvaluationId");

            migrationBuilder.CreateIndex(
                name: "IX_CriterionScores_CriterionId",
                table: "CriterionScores",
                column: "CriterionId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationCriteria_SchemeId_SortOrder",
                table: "EvaluationCriteria",
                columns: new[] { "SchemeId", "SortOrder" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationResults_EvaluationId_SubjectId",
                table: "EvaluationResults",
                columns: new[] { "EvaluationId", "SubjectId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationResults_SubjectId",
                table: "EvaluationResults",
                column: "SubjectId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReviewers_EvaluationId_UserId",
                table: "EvaluationReviewers",
                columns: new[] { "EvaluationId", "UserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReviewers_UserId",
                table: "EvaluationReviewers",
                column: "UserId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_RoundId",
                table: "Evaluations",
                column: "RoundId",
                unique: true,
                filter: "\"RoundId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_SchemeId",
                table: "Evaluations",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_UnitId_Year",
                table: "Evaluations",
                columns: new[] { "UnitId", "Year" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSchemes_FamilyId_Version",
                table: "EvaluationSchemes",
                columns: new[] { "FamilyId", "Version" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSchemes_UnitId",
                table: "EvaluationSchemes",
                column: "UnitId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSubjects_ApplicationId",
                table: "EvaluationSubjects",
                column: "ApplicationId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSubjects_EvaluationId_OrganizationId_ApplicationId",
                table: "EvaluationSubjects",
                columns: new[] { "EvaluationId", "OrganizationId", "ApplicationId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationSubjects_OrganizationId",
                table: "EvaluationSubjects",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_IncubationMentors_OrganizationId",
                table: "IncubationMentors",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_IncubationMilestones_OrganizationId_DueOn",
                table: "IncubationMilestones",
                columns: new[] { "OrganizationId", "DueOn" });

            migrationBuilder.CreateIndex(
                name: "IX_IncubationSteps_OrganizationId_On",
                table: "IncubationSteps",
                columns: new[] { "OrganizationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_IncubationSupports_GivenByUnitId",
                table: "IncubationSupports",
                column: "GivenByUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_IncubationSupports_OrganizationId_On",
                table: "IncubationSupports",
                columns: new[] { "OrganizationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryCases_OrganizationId",
                table: "LibraryCases",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryCases_ProjectId",
                table: "LibraryCases",
                column: "ProjectId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryCases_UnitId_Field",
                table: "LibraryCases",
                columns: new[] { "UnitId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_LibraryProjects_ApplicationId",
                table: "LibraryProjects",
                column: "ApplicationId",
                unique: true,
                filter: "\"ApplicationId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryProjects_OrganizationId",
                table: "LibraryProjects",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_LibraryProjects_UnitId_Field",
                table: "LibraryProjects",
                columns: new[] { "UnitId", "Field" });

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_OrganizationId_From",
                table: "Partnerships",
                columns: new[] { "OrganizationId", "From" });

            migrationBuilder.CreateIndex(
                name: "IX_Partnerships_UnitId_Until",
                table: "Partnerships",
                columns: new[] { "UnitId", "Until" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSheets_EvaluationId_ReviewerUserId",
                table: "ScoreSheets",
                columns: new[] { "EvaluationId", "ReviewerUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScoreSheets_SubjectId_ReviewerUserId",
                table: "ScoreSheets",
                columns: new[] { "SubjectId", "ReviewerUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SocialOrganizations_AccountUserId",
                table: "SocialOrganizations",
                column: "AccountUserId",
                unique: true,
                filter: "\"AccountUserId\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SocialOrganizations_CreditCode",
                table: "SocialOrganizations",
                column: "CreditCode",
                unique: true,
                filter: "\"CreditCode\" IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_SocialOrganizations_LeagueUnitId",
                table: "SocialOrganizations",
                column: "LeagueUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_SocialOrganizations_Name",
                table: "SocialOrganizations",
                column: "Name");

            migrationBuilder.CreateIndex(
                name: "IX_SocialOrganizations_UnitId_ReviewStatus",
                table: "SocialOrganizations",
                columns: new[] { "UnitId", "ReviewStatus" });

            migrationBuilder.CreateIndex(
                name: "IX_VentureApplications_OrganizationId",
                table: "VentureApplications",
                column: "OrganizationId");

            migrationBuilder.CreateIndex(
                name: "IX_VentureApplications_RoundId_Status",
                table: "VentureApplications",
                columns: new[] { "RoundId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_VentureDisbursements_ApplicationId_On",
                table: "VentureDisbursements",
                columns: new[] { "ApplicationId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_VentureReports_ApplicationId_SubmittedAt",
                table: "VentureReports",
                columns: new[] { "ApplicationId", "SubmittedAt" });

            migrationBuilder.CreateIndex(
                name: "IX_VentureReports_DocumentId",
                table: "VentureReports",
                column: "DocumentId");

            migrationBuilder.CreateIndex(
                name: "IX_VentureRounds_SchemeId",
                table: "VentureRounds",
                column: "SchemeId");

            migrationBuilder.CreateIndex(
                name: "IX_VentureRounds_Status",
                table: "VentureRounds",
                column: "Status");

            migrationBuilder.CreateIndex(
                name: "IX_VentureRounds_UnitId_Year",
                table: "VentureRounds",
                columns: new[] { "UnitId", "Year" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AllocationLines");

            migrationBuilder.DropTable(
                name: "CriterionScores");

            migrationBuilder.DropTable(
                name: "EvaluationResults");

            migrationBuilder.DropTable(
                name: "EvaluationReviewers");

            migrationBuilder.DropTable(
                name: "IncubationMentors");

            migrationBuilder.DropTable(
                name: "IncubationMilestones");

            migrationBuilder.DropTable(
                name: "IncubationSteps");

            migrationBuilder.DropTable(
                name: "IncubationSupports");

            migrationBuilder.DropTable(
                name: "LibraryCases");

            migrationBuilder.DropTable(
                name: "Partnerships");

            migrationBuilder.DropTable(
                name: "VentureDisbursements");

            migrationBuilder.DropTable(
                name: "VentureReports");

            migrationBuilder.DropTable(
                name: "Allocations");

            migrationBuilder.DropTable(
                name: "EvaluationCriteria");

            migrationBuilder.DropTable(
                name: "ScoreSheets");

            migrationBuilder.DropTable(
                name: "LibraryProjects");

            migrationBuilder.DropTable(
                name: "EvaluationSubjects");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "VentureApplications");

            migrationBuilder.DropTable(
                name: "SocialOrganizations");

            migrationBuilder.DropTable(
                name: "VentureRounds");

            migrationBuilder.DropTable(
                name: "EvaluationSchemes");
        }
    }
}
