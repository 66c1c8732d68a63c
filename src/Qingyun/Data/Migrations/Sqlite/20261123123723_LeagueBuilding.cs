using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Sqlite
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Year = table.Column<int>(type: "INTEGER", nullable: false),
                    Organizations = table.Column<int>(type: "INTEGER", nullable: false),
                    NewMembers = table.Column<int>(type: "INTEGER", nullable: false),
                    SetByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    CreditCode = table.Column<string>(type: "TEXT", maxLength: 18, nullable: false),
                    Address = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    ContactName = table.Column<string>(type: "TEXT", maxLength: 50, nullable: true),
                    ContactPhoneCipher = table.Column<byte[]>(type: "BLOB", nullable: true),
                    ContactPhoneMasked = table.Column<string>(type: "TEXT", maxLength: 20, nullable: true),
                    StaffCount = table.Column<int>(type: "INTEGER", nullable: false),
                    YoungStaffCount = table.Column<int>(type: "INTEGER", nullable: false),
                    HasPartyOrganization = table.Column<bool>(type: "INTEGER", nullable: false),
                    Status = table.Column<int>(type: "INTEGER", nullable: false),
                    BuiltOn = table.Column<DateOnly>(type: "TEXT", nullable: true),
                    LeagueUnitId = table.Column<Guid>(type: "TEXT", nullable: true),
                    MembersAdded = table.Column<int>(type: "INTEGER", nullable: false),
                    CreatedAt = table.Column<long>(type: "INTEGER", nullable: false),
                    UpdatedAt = table.Column<long>(type: "INTEGER", nullable: false)
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
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    OrganizationId = table.Column<Guid>(type: "TEXT", nullable: false),
                    UnitId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Before = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "TEXT", maxLength: 500, nullable: true),
                    MembersDelta = table.Column<int>(type: "INTEGER", nullable: true),
                    On = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    ByUserName = table.Column<string>(type: "TEXT", maxLength: 256, nullable: true),
                    At = table.Column<long>(type: "INTEGER", nullable: false)
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
