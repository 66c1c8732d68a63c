using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cadres : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CadreTerms",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Post = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    StartedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    PlannedEndOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndedOn = table.Column<DateOnly>(type: "date", nullable: true),
                    EndReason = table.Column<int>(type: "integer", nullable: true),
                    AppointNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EndNote = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    PredecessorTermId = table.Column<Guid>(type: "uuid", nullable: true),
                    AppointedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    EndedBy = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreTerms", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreTerms_CadreTerms_PredecessorTermId",
                        column: x => x.PredecessorTermId,
                        principalTable: "CadreTerms",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreTerms_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreTerms_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CadreTrainings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    Course = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Organizer = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    AttendedOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: false),
                    ByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    CreatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CadreTrainings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CadreTrainings_OrgUnits_UnitId",
                        column: x => x.UnitId,
                        principalTable: "OrgUnits",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_CadreTrainings_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CadreTerms_OneOpenSecretary",
                table: "CadreTerms",
                column: "UnitId",
                unique: true,
                filter: "\"EndedOn\" IS NULL AND \"Post\" = 1");

            migrationBuilder.CreateIndex(
                name: "IX_CadreTerms_OpenPostPerPerson",
                table: "CadreTerms",
                columns: new[] { "UnitId", "PersonId", "Post" },
                unique: true,
                filter: "\"EndedOn\" IS NULL");

            migrationBuilder.CreateIndex(
                name: "IX_CadreTerms_PersonId_StartedOn",
                table: "CadreTerms",
                columns: new[] { "PersonId", "StartedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreTerms_PredecessorTermId",
                table: "CadreTerms",
                column: "PredecessorTermId");

            migrationBuilder.CreateIndex(
                name: "IX_CadreTerms_UnitId_Id",
                table: "CadreTerms",
                columns: new[] { "UnitId", "Id" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreTrainings_PersonId_AttendedOn",
                table: "CadreTrainings",
                columns: new[] { "PersonId", "AttendedOn" });

            migrationBuilder.CreateIndex(
                name: "IX_CadreTrainings_UnitId",
                table: "CadreTrainings",
                column: "UnitId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CadreTerms");

            migrationBuilder.DropTable(
                name: "CadreTrainings");
        }
    }
}
