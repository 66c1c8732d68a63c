using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class LeagueBuilding : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuildingTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false),
                    Organizations = table.Column<int>(type: "integer", nullable: false),
                    NewMembers = table.Column<int>(type: "integer", nullable: false),
                    SetByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_BuildingTargets", x => x.Id);
                    table.ForeignKey(
                        name: "FK_BuildingTargets_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NewOrganizations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "character varying(18)", maxLength: 18, nullable: false),
                    Address = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    ContactName = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    ContactPhoneCipher = table.Column<byte[]>(type: "bytea", nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: true),
                    StaffCount = table.Column<int>(type: "integer", nullable: false),
                    YoungStaffCount = table.Column<int>(type: "integer", nullable: false),
                    HasPartyOrganization = table.Column<bool>(type: "boolean", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    BuiltOn = table.Column<DateOnly>(type: "date", nullable: true),
                    LeagueUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    MembersAdded = table.Column<int>(type: "integer", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewOrganizations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewOrganizations_OrgUnits_LeagueUnitId",
                        column: x => x.LeagueUnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_NewOrganizations_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "NewOrganizationEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Before = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    MembersDelta = table.Column<int>(type: "integer", nullable: true),
                    On = table.Column<DateOnly>(type: "date", nullable: false),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_NewOrganizationEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_NewOrganizationEvents_NewOrganizations_OrganizationId",
                        column: x => x.OrganizationId,
                        principalTable: "NewOrganizations",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_BuildingTargets_UnitId_Year",
                table: "BuildingTargets",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizationEvents_On_OrganizationId",
                table: "NewOrganizationEvents",
                columns: new[] { "On", "OrganizationId" });

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizationEvents_OrganizationId_At",
                table: "NewOrganizationEvents",
                columns: new[] { "OrganizationId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizations_CreditCode",
                table: "NewOrganizations",
                column: "CreditCode",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizations_LeagueUnitId",
                table: "NewOrganizations",
                column: "LeagueUnitId");

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizations_UnitId_Id",
                table: "NewOrganizations",
                columns: new[] { "UnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_NewOrganizations_UnitId_Status_BuiltOn",
                table: "NewOrganizations",
                columns: new[] { "UnitId", "Status", "BuiltOn" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "BuildingTargets");

            migrationBuilder.DropTable(
                name: "NewOrganizationEvents");

            migrationBuilder.DropTable(
                name: "NewOrganizations");
        }
    }
}
