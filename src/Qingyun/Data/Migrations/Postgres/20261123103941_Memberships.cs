using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Memberships : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Memberships",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    MemberNumber = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    JoinedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    JoinedUnitId = table.Column<Guid>(type: "uuid", nullable: true),
                    JoinedUnitName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    IsStudent = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Memberships", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Memberships_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Memberships_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "MembershipEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    MembershipId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    Before = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    After = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    At = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MembershipEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MembershipEvents_Memberships_MembershipId",
                        column: x => x.MembershipId,
                        principalTable: "Memberships",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MembershipEvents_MembershipId_At",
                table: "MembershipEvents",
                columns: new[] { "MembershipId", "At" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_MemberNumber",
                table: "Memberships",
                column: "MemberNumber",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_PersonId",
                table: "Memberships",
                column: "PersonId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UnitId_Id",
                table: "Memberships",
                columns: new[] { "UnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_Memberships_UnitId_Status",
                table: "Memberships",
                columns: new[] { "UnitId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MembershipEvents");

            migrationBuilder.DropTable(
                name: "Memberships");
        }
    }
}
