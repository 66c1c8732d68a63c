using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Qingyun.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class FoldBuildingTargets : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // A League-building target becomes two figures' targets (decision 014): building.built = Organizations,
            // building.members = NewMembers, set from the unit's parent (or by itself for a top unit); a target
            // already set on the figures' page for that unit, year and code wins.
            migrationBuilder.Sql(
                """
                INSERT INTO "IndicatorTargets" ("Id", "UnitId", "Year", "Code", "Value", "SetByUnitId", "SetBy", "UpdatedAt")
                SELECT gen_random_uuid(), b."UnitId", b."Year", c."Code",
                       CASE c."Code" WHEN 'building.built' THEN b."Organizations" ELSE b."NewMembers" END,
                       coalesce(u."ParentId", u."Id"), b."SetByUserName", b."UpdatedAt"
                FROM "BuildingTargets" AS b
                JOIN "OrgUnits" AS u ON u."Id" = b."UnitId"
                CROSS JOIN (VALUES ('building.built'), ('building.members')) AS c("Code")
                WHERE NOT EXISTS (SELECT 1 FROM "IndicatorTargets" AS t WHERE t."UnitId" = b."UnitId" AND t."Year" = b."Year" AND t."Code" = c."Code");
                """);

            migrationBuilder.DropTable(
                name: "BuildingTargets");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "BuildingTargets",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    NewMembers = table.Column<int>(type: "integer", nullable: false),
                    Organizations = table.Column<int>(type: "integer", nullable: false),
                    SetByUserName = table.Column<string>(type: "character varying(256)", maxLength: 256, nullable: true),
                    UnitId = table.Column<Guid>(type: "uuid", nullable: false),
                    UpdatedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    Year = table.Column<int>(type: "integer", nullable: false)
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

            migrationBuilder.CreateIndex(
                name: "IX_BuildingTargets_UnitId_Year",
                table: "BuildingTargets",
                columns: new[] { "UnitId", "Year" },
                unique: true);

            // Back again: a unit and year with both building targets gets its BuildingTarget row; they stay figures' targets too.
            migrationBuilder.Sql(
                """
                INSERT INTO "BuildingTargets" ("Id", "UnitId", "Year", "Organizations", "NewMembers", "SetByUserName", "UpdatedAt")
                SELECT gen_random_uuid(), o."UnitId", o."Year", round(o."Value")::integer, round(m."Value")::integer, o."SetBy", greatest(o."UpdatedAt", m."UpdatedAt")
                FROM "IndicatorTargets" AS o
                JOIN "IndicatorTargets" AS m ON m."UnitId" = o."UnitId" AND m."Year" = o."Year" AND m."Code" = 'building.members'
                WHERE o."Code" = 'building.built';
                """);
        }
    }
}
