"""Every string of the report, per language (:data:`STRINGS`), for :mod:`carbonpath.report.i18n`.

One dictionary per language, the same keys in each (a test checks it). This module holds the
strings of the document, its sections, the summary, the figures (titles, captions, axes,
legends) and the category names; the table headers and the later sections (targets,
sensitivity, inventory, sources, method, reproducibility) are in
:mod:`carbonpath.report.i18n_tables`, and the overview's strings in
:mod:`carbonpath.report.i18n_overview`. Both are merged in, in that order.
"""

from __future__ import annotations

from carbonpath.report.i18n_overview import OVERVIEW_STRINGS
from carbonpath.report.i18n_tables import TABLE_STRINGS

__all__ = ["STRINGS"]

STRINGS: dict[str, dict[str, str | list[str]]] = {
    "en": {
        # document
        "doc_title": "Carbon-peaking pathway report",
        "doc_subtitle": "{title} · region {region} · {base}–{horizon}",
        "generated": "Rendered from saved results (carbonpath {version}); the run's date "
                     "and timings are in results/run.json, so that the same inputs give the "
                     "same report, byte for byte.",
        "contents": "Contents",
        "caveats_title": "Read with care",
        "caveat_edited": "Rendered from edited results (`carbonpath report --accept-edited`): "
                         "{files} changed after the run wrote them, so the numbers drawn from "
                         "them are not the model's.",
        "caveat_edited_unread": "Rendered with `carbonpath report --accept-edited`, but the "
                                "report draws no number from {files}, edited after the run: "
                                "their edits do not appear here (what it shows of them, such "
                                "as the cost of the target, it recomputes from `run.json` and "
                                "the pathways).",
        "caveat_unverified": "The results folder has no `.carbonpath-manifest.json` that reads "
                             "(a copy that skipped hidden files, a folder carbonpath did not "
                             "write, or a manifest damaged by a full disk or a sync "
                             "conflict), so whether its tables are what the run wrote cannot be "
                             "checked: an edited number would appear here as the model's. "
                             "Re-run, or copy the run folder with its hidden files.",
        "caveat_unverified_montecarlo": "The Monte Carlo store has no readable "
                                        "`.carbonpath-manifest.json`, so whether its samples "
                                        "are what the sweep wrote cannot be checked: an "
                                        "edited part would appear here as the model's. Run "
                                        "`carbonpath montecarlo` again, or copy the store "
                                        "with its hidden files.",
        "caveat_dataset": "The dataset carries a caveat (dataset.yaml `caveats`): {text}",
        "font_fallback": "No font with Chinese glyphs is installed on the machine that drew "
                         "this report, so the figure labels are in English. Install a CJK font "
                         "(e.g. Noto Sans CJK or WenQuanYi) and re-render with "
                         "`carbonpath report`.",
        "unit_note": "Units: emissions in {em}, energy in {en}, money in {money} (real, "
                     "{price_year} prices).",
        # sections
        "sec_summary": "Summary",
        "sec_scenarios": "Scenarios",
        "sec_milestones": "Emissions in the milestone years",
        "sec_cost": "Cost of the target",
        "sec_energy": "Non-fossil share and intensities",
        "sec_marginal": "Marginal cost of emissions",
        "sec_warnings": "Warnings",
        "sec_figures": "Figures",
        "sec_targets": "Targets",
        "sec_sensitivity": "Sensitivity to estimated costs",
        "sec_inventory": "Base-year inventory",
        "sec_sources": "Assumptions, factors and sources",
        "sec_method": "Method",
        "sec_repro": "Reproducibility",
        # summary sentences
        "peak_plan": "In the **{plan}** scenario, emissions peak in **{year}** at "
                     "**{level} {unit}**.",
        "peak_target": "The plan requires the peak no later than {year}{cap}.",
        "peak_cap": ", with emissions at most {level} {unit}",
        "peak_binding": "Targets that bind in the **{plan}** (their shadow price is above zero; "
                        "section 3): {targets}.",
        "peak_binding_item": "{name} ({years}; up to {price} {unit})",
        "above_baseline": "After its peak the **{plan}** emits more than the **{base}** in "
                          "{years} (at most {diff} {unit} more, in {year}). The plan has to "
                          "meet its targets, not to stay below the baseline: where a cheaper "
                          "mix emits a little more and every target still holds, the least-cost "
                          "plan takes it.",
        "peak_early": "The plan peaks in {year}, before the latest year it allows ({target}): "
                      "the binding targets, not the peak-year rule alone, shape the pathway.",
        "peak_base": "In the **{base}** scenario (no carbon target), emissions peak in {year} "
                     "at {level} {unit}.",
        "peak_none": "The run has no emission results.",
        "peak_rising": "In the **{plan}** scenario, emissions still rise in **{year}**, the "
                       "last model year (**{level} {unit}**, their highest): no peak within "
                       "the horizon.",
        "no_peak_by": "none by {year}",
        "cost_total": "Meeting the targets costs **{total} {money}** more than the baseline "
                      "over {first}–{last} ({share} of the baseline's total system cost), "
                      "discounted to {discount_year} at {rate} a year.",
        "cost_saving": "Meeting the targets costs **{total} {money}** less than the baseline "
                       "({share}): the targets do not bind or pay for themselves.",
        "cost_none": "The run has no baseline to compare the plan with (the `cost_reference` "
                     "role of dataset.yaml, by default the scenario named baseline), so the "
                     "cost of the target is not defined.",
        "cost_self": "The plan (**{plan}**) is also the cost reference (the `plan` and "
                     "`cost_reference` roles of dataset.yaml name the same scenario), so the "
                     "cost of the target is not defined.",
        "cost_reference_named": "The baseline here is the **{base}** scenario, the "
                                "`cost_reference` role of dataset.yaml.",
        "cost_by_year": "Annual system cost, plan minus baseline (undiscounted and "
                        "discounted):",
        "energy_sentence": "In {year} the non-fossil share of energy consumption is {share} "
                           "in the {plan} scenario ({base_share} in the baseline); carbon "
                           "intensity is {ci} {ci_unit}.",
        "energy_method": "Primary electricity is counted by the {primary} method.",
        "primary_coal_consumption": "coal-consumption",
        "mname_provincial": "provincial",
        "mname_gpc": "GPC",
        "primary_calorific": "calorific-equivalent",
        "marginal_intro": "The marginal cost of emissions in a year is the change in total "
                          "system cost when one more tonne is emitted in that year (the dual "
                          "of the year's emission definition, undiscounted, {unit}). Under a "
                          "binding cap or budget it is positive: the implied carbon price.",
        "marginal_negative": "It can be **negative** in the years up to the peak year: the "
                             "peak rows E[y+1] ≤ E[y] for y ≥ P tie each year's emissions to "
                             "the year before, so one more tonne in such a year loosens the "
                             "next year's limit and lowers the total cost. The values are "
                             "reported signed; a negative value is not a subsidy but the "
                             "reason a bare peak-year target rewards a higher peak.",
        "marginal_has_negative": "In this run the {plan} scenario has negative values in "
                                 "{years}.",
        "warnings_none": "The run reported no warnings.",
        # figures
        "fig_emissions": "Emissions by sector, with the targets and the peak",
        "fig_energy_mix": "Energy consumption by source",
        "fig_power": "Power capacity and electricity supply",
        "fig_hydrogen": "Hydrogen balance",
        "fig_fleet": "Transport fleet by powertrain",
        "fig_costs": "System cost by component",
        "fig_marginal": "Marginal cost of emissions by year",
        "fig_peak_curve": "Cost of peaking in each peak year",
        "cap_emissions": "Bars: emissions of the {plan} scenario by sector (targets' basis, "
                         "{method} method). Electricity sent out of the region is a bar below "
                         "zero (its emissions count where it is used), so the bars above zero "
                         "add up to more than the total. Lines: the net total of each scenario "
                         "(bars above zero minus the bar below), which the cap and the peak "
                         "refer to. Dashed: the cap; dotted: the latest peak year allowed; "
                         "star: the peak.",
        "cap_energy_mix": "Energy consumption of the {plan} scenario by source (primary "
                          "electricity by the {primary} method).",
        "cap_power": "Left: installed capacity of generators, electricity storage and "
                     "electrolysers (grid links are not capacity and are left out); right: "
                     "electricity only (a CHP plant's steam and heat are not counted), by "
                     "generation, storage discharge and the grid link as flows (sent out: "
                     "below zero); line: local generation ({plan} scenario).",
        "cap_hydrogen": "Hydrogen produced (above zero) and used (below zero) by technology "
                        "({plan} scenario).",
        "cap_fleet": "Vehicle stock of each transport group by powertrain ({plan} scenario). "
                     "Powertrain from the main energy input: electricity → BEV, hydrogen → "
                     "FCEV, diesel, gasoline or gas → ICE.",
        "cap_costs": "Annual system cost of the {plan} scenario by component "
                     "(undiscounted); line: the baseline's total.",
        "cap_marginal": "Marginal cost of one more tonne emitted in each year (signed, "
                        "undiscounted).",
        "cap_peak_curve": "Extra discounted system cost of the rule 'no increase after that "
                          "year' when the plan's latest peak year is set to each year: the "
                          "plan with the rule minus the plan without it, every other target "
                          "held. Shown only for the years where the rule binds; elsewhere the "
                          "year is marked 'does not bind' (the rule costs nothing there).",
        "skip_energy_mix": "The results have no energy consumption, so there is no energy "
                           "mix figure.",
        "skip_power": "The dataset has no technology that generates or stores electricity.",
        "skip_hydrogen": "The dataset has no hydrogen commodity, so there is no hydrogen "
                         "balance.",
        "skip_hydrogen_no_tech": "The dataset has a hydrogen commodity, {commodities}, but "
                                 "no technology that makes, uses or stores it, so there is "
                                 "no hydrogen balance.",
        "skip_hydrogen_unused": "The dataset has a hydrogen commodity, {commodities}, and {n} "
                                "technologies that make, use or store it: {technologies}. "
                                "The least-cost plan uses none of them: no hydrogen is made "
                                "or used in any year, so there is no balance to draw.",
        "skip_fleet": "The dataset has no transport technologies with a vehicle stock.",
        "skip_costs": "The results have no cost table.",
        "skip_marginal": "The results have no marginal costs of emissions.",
        "skip_peak_curve": "The plan has no peak-year target, so no cost-of-peaking curve was "
                           "computed.",
        "skip_emissions": "The results have no emissions by sector.",
        "png_svg": "Also as PNG and SVG in {folder}/.",
        "png_only": "Also as PNG in {folder}/.",
        # axes and legends
        "ax_year": "Year",
        "ax_emissions": "Emissions ({unit})",
        "ax_energy": "Energy consumption ({unit})",
        "ax_capacity": "Capacity ({unit})",
        "ax_electricity": "Electricity ({unit})",
        "ax_hydrogen": "Hydrogen ({unit})",
        "ax_fleet": "Vehicles ({unit})",
        "ax_cost": "Cost ({unit})",
        "ax_marginal": "Marginal cost ({unit})",
        "ax_peak_year": "Latest peak year allowed",
        "ax_cost_of_peaking": "Cost of peaking ({unit}, discounted)",
        "lg_total": "{scenario}: net total",
        "lg_cap": "Cap",
        "lg_peak_target": "Peak by {year}",
        "lg_peak": "Peak {year}",
        "lg_baseline_total": "Baseline total",
        "lg_infeasible": "infeasible",
        "panel_capacity": "Installed capacity",
        "panel_generation": "Electricity supply",
        # categories
        "cat_electricity_net_import": "Net electricity imports",
        "cat_fossil": "Fossil",
        "cat_nonfossil": "Non-fossil",
        "cat_storage_losses": "Storage losses",
        "comp_investment": "Investment (annuities)",
        "comp_fixed_om": "Fixed O&M",
        "comp_variable": "Variable (fuel, O&M, imports)",
        "pt_BEV": "BEV",
        "pt_PHEV": "PHEV",
        "pt_FCEV": "FCEV",
        "pt_ICE": "ICE",
        "pt_other": "Other",
        "scn_baseline": "baseline",
        "scn_plan": "plan",
        "scn_bau": "bau",
        "scn_policy": "policy",
        "scn_enhanced": "enhanced",
        "st_assumption": "assumption",
        "st_estimate": "estimate",
        "st_unverified": "unverified",
        "st_sourced": "sourced",
        "st_missing": "missing",
        "st_commitment": "commitment",
        "st_Optimal": "optimal",
    },
    "zh": {
        "doc_title": "碳达峰路径报告",
        "doc_subtitle": "{title} · 地区 {region} · {base}—{horizon}年",
        "generated": "本报告依据保存的运行结果生成（carbonpath {version}）；运行日期和耗时记录在 "
                     "results/run.json 中，因此相同的输入得到逐字节相同的报告。",
        "contents": "目录",
        "caveats_title": "请注意",
        "caveat_edited": "本报告由修改过的结果生成（`carbonpath report --accept-edited`）："
                         "{files} 在运行写出后被修改，取自这些文件的数字并非模型的结果。",
        "caveat_edited_unread": "本报告以 `carbonpath report --accept-edited` 生成，但报告不从"
                                "运行后被修改的 {files} 中取任何数字，其修改不会体现在本报告中"
                                "（报告中与之相关的内容，如目标成本，由 `run.json` 与各情景"
                                "结果重新计算）。",
        "caveat_unverified": "结果文件夹中没有可读的 `.carbonpath-manifest.json`（复制时漏掉了"
                             "隐藏文件，并非 carbonpath 写出的文件夹，或清单因磁盘已满、同步冲突"
                             "而损坏），因此无法核对其中的表格是否为运行"
                             "写出的原样：被修改的数字会在此显示为模型结果。请重新运行，或连同"
                             "隐藏文件一起复制运行文件夹。",
        "caveat_unverified_montecarlo": "蒙特卡洛结果库中没有可读的 `.carbonpath-manifest.json`，"
                                        "因此无法核对其中的样本是否为抽样计算写出的原样：被修改"
                                        "的结果会在此显示为模型结果。请重新运行 `carbonpath "
                                        "montecarlo`，或连同隐藏文件一起复制结果库。",
        "caveat_dataset": "数据集附有说明（dataset.yaml 的 `caveats`）：{text}",
        "font_fallback": "生成本报告的计算机未安装中文字体，图中标签以英文显示。安装中文字体"
                         "（如 Noto Sans CJK 或文泉驿）后可用 `carbonpath report` 重新生成。",
        "unit_note": "单位：排放为{em}，能源为{en}，金额为{money}（{price_year}年不变价）。",
        "sec_summary": "摘要",
        "sec_scenarios": "情景概览",
        "sec_milestones": "关键年份排放",
        "sec_cost": "实现目标的成本",
        "sec_energy": "非化石能源占比与强度",
        "sec_marginal": "碳排放边际成本",
        "sec_warnings": "警示",
        "sec_figures": "图表",
        "sec_targets": "规划目标",
        "sec_sensitivity": "估算成本的敏感性分析",
        "sec_inventory": "基准年排放清单",
        "sec_sources": "假设、因子与数据来源",
        "sec_method": "方法说明",
        "sec_repro": "可复现信息",
        "peak_plan": "在**{plan}**下，排放于**{year}年**达峰，峰值为**{level}{unit}**。",
        "peak_target": "规划要求不晚于{year}年达峰{cap}。",
        "peak_cap": "，且排放不超过{level}{unit}",
        "peak_binding": "**{plan}**中起约束作用的目标（影子价格大于零，见第3节）：{targets}。",
        "peak_binding_item": "{name}（{years}年；最高{price} {unit}）",
        "above_baseline": "**{plan}**达峰后在{years}年的排放高于**{base}**（最多高{diff}{unit}，"
                          "{year}年）。规划情景只需满足各项目标，而不必低于基准情景：在各项目标仍然满足"
                          "的前提下，若排放略高的组合更便宜，最低成本方案就会选择它。",
        "peak_early": "规划情景于{year}年达峰，早于其允许的最晚年份（{target}年）：路径由上述起约束"
                      "作用的目标共同决定，而不仅是达峰年份约束。",
        "peak_base": "在**{base}**（无碳目标）下，排放于{year}年达峰，峰值为{level}{unit}。",
        "peak_rising": "在**{plan}**下，排放至模型末年**{year}年**仍在上升（**{level}{unit}**，"
                       "为其最高值）：规划期内未达峰。",
        "no_peak_by": "{year}年前未达峰",
        "peak_none": "本次运行没有排放结果。",
        "cost_total": "实现目标比基准情景多花费**{total}{money}**（{first}—{last}年，"
                      "按年率{rate}折现至{discount_year}年），相当于基准情景系统总成本的{share}。",
        "cost_saving": "实现目标比基准情景少花费**{total}{money}**（{share}）：目标不构成约束"
                       "或可自行收回成本。",
        "cost_none": "本次运行没有基准情景可供比较（dataset.yaml 中的 `cost_reference` 角色，"
                     "默认为名为 baseline 的情景），因此无法给出目标成本。",
        "cost_self": "规划情景（**{plan}**）同时是成本基准（dataset.yaml 中的 `plan` 与 "
                     "`cost_reference` 角色为同一情景），因此无法给出目标成本。",
        "cost_reference_named": "此处的基准情景为 **{base}**，即 dataset.yaml 中的 "
                                "`cost_reference` 角色。",
        "cost_by_year": "逐年系统成本之差（规划情景减基准情景，未折现与折现）：",
        "energy_sentence": "{year}年{plan}的非化石能源消费占比为{share}（基准情景为"
                           "{base_share}），碳排放强度为{ci}{ci_unit}。",
        "energy_method": "一次电力按{primary}折算。",
        "primary_coal_consumption": "发电煤耗法",
        "mname_provincial": "省级核算方法",
        "mname_gpc": "GPC 方法",
        "primary_calorific": "电热当量法",
        "marginal_intro": "某年的碳排放边际成本，是该年多排放一吨时系统总成本的变化（该年排放定义"
                          "约束的对偶值，未折现，单位{unit}）。在起约束作用的总量上限或碳预算下，"
                          "它为正值，即隐含碳价。",
        "marginal_negative": "在达峰年及之前的年份，它可能为**负值**：达峰约束 E[y+1] ≤ E[y]"
                             "（y ≥ P）把每年的排放与上一年挂钩，某年多排放一吨会放宽下一年的"
                             "上限，从而降低总成本。报告保留正负号；负值并非补贴，而正说明了"
                             "为何仅规定达峰年份会鼓励更高的峰值。",
        "marginal_has_negative": "本次运行中，{plan}在以下年份为负值：{years}。",
        "warnings_none": "本次运行没有警示。",
        "fig_emissions": "分部门排放、目标与峰值",
        "fig_energy_mix": "分来源能源消费",
        "fig_power": "电力装机与电力供应",
        "fig_hydrogen": "氢能供需平衡",
        "fig_fleet": "分动力类型的交通车队",
        "fig_costs": "分项系统成本",
        "fig_marginal": "逐年碳排放边际成本",
        "fig_peak_curve": "不同达峰年份的达峰成本",
        "cap_emissions": "柱：{plan}分部门排放（目标口径，{method}）。外送电力为零线以下的柱"
                         "（其排放计入用电地），因此零线以上各柱之和大于总量。线：各情景的净排放"
                         "总量（零线以上减去零线以下），排放上限和峰值均指净总量。虚线：排放上限；"
                         "点线：最晚达峰年份；星号：峰值。",
        "cap_energy_mix": "{plan}分来源能源消费（一次电力按{primary}折算）。",
        "cap_power": "左：发电、储电与电解制氢装机（电网联络线不是装机，未列入）；右：仅电力"
                     "（热电联产的蒸汽和热力不计入），按本地发电、储能放电和电网调入调出电量"
                     "（调出为零线以下）；线：本地发电量（{plan}）。",
        "cap_hydrogen": "各技术的制氢量（零线以上）与用氢量（零线以下）（{plan}）。",
        "cap_fleet": "各类车辆按动力类型的保有量（{plan}）。动力类型按主要能源输入判定：电力 → "
                     "纯电动，氢 → 燃料电池，柴油、汽油或天然气 → 内燃机。",
        "cap_costs": "{plan}逐年分项系统成本（未折现）；线：基准情景总成本。",
        "cap_marginal": "每年多排放一吨的边际成本（保留正负号，未折现）。",
        "cap_peak_curve": "将规划允许的最晚达峰年份分别设为各年时，“该年之后排放不再增加”这一约束"
                          "带来的折现系统成本增量：有该约束的规划减去无该约束的规划（其他目标"
                          "不变）。只显示该约束起作用的年份；其他年份标为“不起约束”（该约束"
                          "在那里不增加成本）。",
        "skip_energy_mix": "结果中没有能源消费数据，因此没有能源结构图。",
        "skip_power": "数据集中没有发电或储电技术。",
        "skip_hydrogen": "数据集中没有氢能品种，因此没有氢能平衡图。",
        "skip_hydrogen_no_tech": "数据集中有氢能品种（{commodities}），但没有制氢、用氢或储氢的"
                                 "技术，因此没有氢能平衡图。",
        "skip_hydrogen_unused": "数据集中有氢能品种（{commodities}）以及{n}项制氢、用氢或储氢"
                                "技术：{technologies}。最低成本方案未使用其中任何一项：各年均"
                                "不制氢也不用氢，因此没有可绘制的氢能平衡。",
        "skip_fleet": "数据集中没有带车辆保有量的交通技术。",
        "skip_costs": "结果中没有成本表。",
        "skip_marginal": "结果中没有碳排放边际成本。",
        "skip_peak_curve": "规划没有达峰年份目标，因此未计算达峰成本曲线。",
        "skip_emissions": "结果中没有分部门排放。",
        "png_svg": "PNG 与 SVG 格式见 {folder}/ 目录。",
        "png_only": "PNG 格式见 {folder}/ 目录。",
        "ax_year": "年份",
        "ax_emissions": "排放（{unit}）",
        "ax_energy": "能源消费（{unit}）",
        "ax_capacity": "装机（{unit}）",
        "ax_electricity": "电量（{unit}）",
        "ax_hydrogen": "氢（{unit}）",
        "ax_fleet": "车辆（{unit}）",
        "ax_cost": "成本（{unit}）",
        "ax_marginal": "边际成本（{unit}）",
        "ax_peak_year": "最晚达峰年份",
        "ax_cost_of_peaking": "达峰成本（{unit}，折现）",
        "lg_total": "{scenario}净排放总量",
        "lg_cap": "排放上限",
        "lg_peak_target": "{year}年前达峰",
        "lg_peak": "峰值 {year}年",
        "lg_baseline_total": "基准情景总成本",
        "lg_infeasible": "不可行",
        "panel_capacity": "装机容量",
        "panel_generation": "电力供应",
        "cat_electricity_net_import": "净调入电力",
        "cat_fossil": "化石能源",
        "cat_nonfossil": "非化石能源",
        "cat_storage_losses": "储存损耗",
        "comp_investment": "投资（年金）",
        "comp_fixed_om": "固定运维",
        "comp_variable": "可变成本（燃料、运维、外购）",
        "pt_BEV": "纯电动",
        "pt_PHEV": "插电混动",
        "pt_FCEV": "燃料电池",
        "pt_ICE": "内燃机",
        "pt_other": "其他",
        "scn_baseline": "基准情景",
        "scn_plan": "规划情景",
        "scn_bau": "惯性情景",
        "scn_policy": "现行政策情景",
        "scn_enhanced": "强化情景",
        "st_assumption": "假设",
        "st_estimate": "估计",
        "st_unverified": "未核实",
        "st_Optimal": "最优",
        "st_sourced": "有出处",
        "st_missing": "缺失",
        "st_commitment": "承诺",
    },
}

for _lang, _extra in TABLE_STRINGS.items():
    STRINGS[_lang].update(_extra)
for _lang, _extra in OVERVIEW_STRINGS.items():
    STRINGS[_lang].update(_extra)
