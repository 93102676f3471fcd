using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Orchestration.Vetting.Data.Migrations
{
    /// <inheritdoc />
    public partial class InspectionNoticeAndFeedback : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateOnly>(
                name: "EndsOn",
                table: "inspections",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeContent",
                table: "inspections",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeProcedure",
                table: "inspections",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeRequirements",
                table: "inspections",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeStandard",
                table: "inspections",
                type: "text",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "inspection_feedback",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    TenantId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    InspectionId = table.Column<Guid>(type: "uuid", nullable: false),
                    CadreId = table.Column<Guid>(type: "uuid", nullable: false),
                    GivenOn = table.Column<DateOnly>(type: "date", nullable: false),
                    Form = table.Column<string>(type: "character varying(30)", maxLength: 30, nullable: false),
                    GivenBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    Summary = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    RecordedBy = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    RecordedAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_inspection_feedback", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_inspection_feedback_InspectionId_CadreId",
                table: "inspection_feedback",
                columns: new[] { "InspectionId", "CadreId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "inspection_feedback");

            migrationBuilder.DropColumn(
                name: "EndsOn",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "NoticeContent",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "NoticeProcedure",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "NoticeRequirements",
                table: "inspections");

            migrationBuilder.DropColumn(
                name: "NoticeStandard",
                table: "inspections");
        }
    }
}
