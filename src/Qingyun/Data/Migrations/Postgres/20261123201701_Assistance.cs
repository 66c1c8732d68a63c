using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

#pragma warning disable CA1814 // Prefer jagged arrays over multidimensional

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Assistance : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "Protected",
                table: "People",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "ContactQuota",
                table: "CadreTerms",
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AssistanceCases",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Programme = table.Column<int>(type: "integer", nullable: false),
                    Categories = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    Needs = table.Column<int>(type: "integer", nullable: false),
                    NeedsNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    IntakeOn = table.Column<DateOnly>(type: "date", nullable: false),
                    IntakeNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ConsentOn = table.Column<DateOnly>(type: "date", nullable: false),
                    ConsentBy = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: false),
                    ConsentRelation = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    StatusNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ClosedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    OwnerUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    OwnerName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    CreatedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AssistanceCases", x => x.Id);
                    table.ForeignKey(
                        name: "FK_AssistanceCases_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_AssistanceCases_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "BeneficiaryCategories",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    Code = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    NameZh = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    NameEn = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    SortOrder = table.Column<int>(type: "integer", nullable: false),
                    ArchivedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BeneficiaryCategories", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "DirectBindings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreTermId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadrePersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    YouthPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    Level = table.Column<int>(type: "integer", nullable: false),
                    BoundOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectBindings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectBindings_CadreTerms_CadreTermId",
                        column: x => x.CadreTermId,
                        principalTable: "CadreTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectBindings_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_DirectBindings_People_YouthPersonId",
                        column: x => x.YouthPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectContacts",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreTermId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadrePersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false),
                    Note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectContacts", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectContacts_CadreTerms_CadreTermId",
                        column: x => x.CadreTermId,
                        principalTable: "CadreTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseAccess",
                columns: table => new
                {
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseAccess", x => new { x.CaseId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_CaseAccess_AssistanceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AssistanceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseAccess_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CasePairings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    VolunteerId = table.Column<Guid>(type: "uuid", nullable: true),
                    TeamId = table.Column<Guid>(type: "uuid", nullable: true),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePairings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePairings_AssistanceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AssistanceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CasePairings_VolunteerTeams_TeamId",
                        column: x => x.TeamId,
                        principalTable: "VolunteerTeams",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CasePairings_Volunteers_VolunteerId",
                        column: x => x.VolunteerId,
                        principalTable: "Volunteers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CasePlans",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    EndsOn = table.Column<DateOnly>(type: "date", nullable: false),
                    VisitsPlanned = table.Column<int>(type: "integer", nullable: false),
                    Resources = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    Measures = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    ApprovedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    ApprovedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    ReturnNote = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Goals = table.Column<string>(type: "jsonb", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CasePlans", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CasePlans_AssistanceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AssistanceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseSupports",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Sponsor = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Amount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    Items = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    State = table.Column<int>(type: "integer", nullable: false),
                    AppliedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    DecidedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DecidedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    DecisionNote = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    DeliveredOn = table.Column<DateOnly>(type: "date", nullable: true),
                    DeliveredAmount = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    PaymentReference = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSupports", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseSupports_AssistanceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AssistanceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseVisits",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CaseId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    VisitedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Form = table.Column<int>(type: "integer", nullable: false),
                    Minutes = table.Column<int>(type: "integer", nullable: false),
                    Done = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: false),
                    Situation = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    FollowUp = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ResourcesGiven = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    MoneyGiven = table.Column<decimal>(type: "numeric(12,2)", precision: 12, scale: 2, nullable: true),
                    ByPersonId = table.Column<Guid>(type: "uuid", nullable: true),
                    ByName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: false),
                    LoggedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseVisits", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseVisits_AssistanceCases_CaseId",
                        column: x => x.CaseId,
                        principalTable: "AssistanceCases",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "DirectContactYouth",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    ContactId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadrePersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    YouthPersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    Channel = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_DirectContactYouth", x => x.Id);
                    table.ForeignKey(
                        name: "FK_DirectContactYouth_DirectContacts_ContactId",
                        column: x => x.ContactId,
                        principalTable: "DirectContacts",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_DirectContactYouth_People_YouthPersonId",
                        column: x => x.YouthPersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.InsertData(
                table: "BeneficiaryCategories",
                columns: new[] { "Id", "ArchivedAt", "Code", "NameEn", "NameZh", "SortOrder" },
                values: new object[,]
                {
                    { new Guid("0197b000-0000-7000-8000-000000000001"), null, "hardship", "Family in hardship", "困难家庭", 10 },
                    { new Guid("0197b000-0000-7000-8000-000000000002"), null, "left-behind", "Left-behind child", "留守儿童", 20 },
                    { new Guid("0197b000-0000-7000-8000-000000000003"), null, "migrant", "Migrant child", "流动儿童", 30 },
                    { new Guid("0197b000-0000-7000-8000-000000000004"), null, "disabled", "Disability", "残疾", 40 },
                    { new Guid("0197b000-0000-7000-8000-000000000005"), null, "orphan", "Orphan", "孤儿", 50 },
                    { new Guid("0197b000-0000-7000-8000-000000000006"), null, "rehabilitation", "In rehabilitation", "帮教对象", 60 },
                    { new Guid("0197b000-0000-7000-8000-000000000007"), null, "elderly-alone", "Elderly living alone", "孤寡老人", 70 },
                    { new Guid("0197b000-0000-7000-8000-000000000008"), null, "zero-employment", "Zero-employment family", "零就业家庭", 80 }
                });

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceCases_OwnerUserId",
                table: "AssistanceCases",
                column: "OwnerUserId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceCases_PersonId",
                table: "AssistanceCases",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_AssistanceCases_UnitId_Status",
                table: "AssistanceCases",
                columns: new[] { "UnitId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_BeneficiaryCategories_Code",
                table: "BeneficiaryCategories",
                column: "Code",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_BeneficiaryCategories_NameZh",
                table: "BeneficiaryCategories",
                column: "NameZh",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseAccess_PersonId",
                table: "CaseAccess",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePairings_CaseId_StartedOn",
                table: "CasePairings",
                columns: new[] { "CaseId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CasePairings_OneLivePerCase",
                table: "CasePairings",
                column: "CaseId",
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CasePairings_TeamId",
                table: "CasePairings",
                column: "TeamId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePairings_VolunteerId",
                table: "CasePairings",
                column: "VolunteerId");

            migrationBuilder.CreateIndex(
                name: "IX_CasePlans_CaseId_StartsOn",
                table: "CasePlans",
                columns: new[] { "CaseId", "StartsOn" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseSupports_CaseId_AppliedOn",
                table: "CaseSupports",
                columns: new[] { "CaseId", "AppliedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseSupports_UnitId_AppliedOn",
                table: "CaseSupports",
                columns: new[] { "UnitId", "AppliedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseVisits_CaseId_VisitedOn",
                table: "CaseVisits",
                columns: new[] { "CaseId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseVisits_UnitId_VisitedOn",
                table: "CaseVisits",
                columns: new[] { "UnitId", "VisitedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectBindings_CadreTermId_EndedOn",
                table: "DirectBindings",
                columns: new[] { "CadreTermId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectBindings_OnePerLevel",
                table: "DirectBindings",
                columns: new[] { "YouthPersonId", "Level" },
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_DirectBindings_UnitId_EndedOn",
                table: "DirectBindings",
                columns: new[] { "UnitId", "EndedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectContacts_CadreTermId_On",
                table: "DirectContacts",
                columns: new[] { "CadreTermId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectContactYouth_CadrePersonId_YouthPersonId_On",
                table: "DirectContactYouth",
                columns: new[] { "CadrePersonId", "YouthPersonId", "On" });

            migrationBuilder.CreateIndex(
                name: "IX_DirectContactYouth_ContactId",
                table: "DirectContactYouth",
                column: "ContactId");

            migrationBuilder.CreateIndex(
                name: "IX_DirectContactYouth_YouthPersonId_On",
                table: "DirectContactYouth",
                columns: new[] { "YouthPersonId", "On" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BeneficiaryCategories");

            migrationBuilder.DropTable(
                name: "CaseAccess");

            migrationBuilder.DropTable(
                name: "CasePairings");

            migrationBuilder.DropTable(
                name: "CasePlans");

            migrationBuilder.DropTable(
                name: "CaseSupports");

            migrationBuilder.DropTable(
                name: "CaseVisits");

            migrationBuilder.DropTable(
                name: "DirectBindings");

            migrationBuilder.DropTable(
                name: "DirectContactYouth");

            migrationBuilder.DropTable(
                name: "AssistanceCases");

            migrationBuilder.DropTable(
                name: "DirectContacts");

            migrationBuilder.DropColumn(
                name: "Protected",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ContactQuota",
                table: "CadreTerms");
        }
    }
}
