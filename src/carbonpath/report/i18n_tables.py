"""Strings of the report's table headers and of its later sections, per language.

The headers of the report's tables (scenarios, milestones, cost, energy, marginal cost,
targets, inventory, sources, reproducibility; with the two strings filed among them,
``card_change`` and ``show_rows``) and the text of the sections after the figures: targets
and which of them bind, sensitivity, base-year inventory, assumptions and sources, method,
reproducibility. Merged into :data:`carbonpath.report.i18n_strings.STRINGS` (same keys
in each language; a test checks it). Kept apart from :mod:`~carbonpath.report.i18n_strings`
for size.
"""

from __future__ import annotations

__all__ = ["TABLE_STRINGS"]

TABLE_STRINGS: dict[str, dict[str, str | list[str]]] = {
    "en": {
        # table headers
        "h_scenario": "Scenario",
        "h_targets": "Targets",
        "h_status": "Status",
        "h_peak_year": "Peak year",
        "h_peak_level": "Peak ({unit})",
        "h_target_peak": "Peak by",
        "h_objective": "Total cost ({unit}, discounted)",
        "h_vs_baseline": "vs baseline ({unit})",
        "h_year": "Year",
        "h_emissions_of": "{scenario} ({unit})",
        "h_change_of": "{scenario} vs {year}",
        "card_change": "Emissions {last} vs {base}",
        "h_baseline_cost": "Baseline ({unit}/yr)",
        "h_plan_cost": "Plan ({unit}/yr)",
        "h_difference": "Difference ({unit}/yr)",
        "h_difference_disc": "Difference, discounted ({unit})",
        "h_share_of": "Non-fossil share, {scenario}",
        "h_energy_of": "Energy, {scenario} ({unit})",
        "h_ci_of": "Carbon intensity, {scenario} ({unit})",
        "h_ei_of": "Energy intensity, {scenario} ({unit})",
        "h_marginal_of": "{scenario} ({unit})",
        "h_name": "Name",
        "h_type": "Type",
        "h_what": "Definition",
        "h_source": "Source",
        "h_scenarios": "Scenarios",
        "h_group": "Sector group",
        "h_technologies": "Technologies",
        "h_factor": "Capex factor",
        "h_cost_of_target": "Cost of the target ({unit})",
        "h_change": "Change ({unit})",
        "h_sector": "Sector",
        "h_total": "total",
        "h_item": "Item",
        "h_value": "Value",
        "h_file": "File",
        "h_checksum": "SHA-256",
        "h_rows": "Rows",
        "h_assumptions": "Assumptions",
        "h_unverified": "Unverified",
        "h_sourced": "Sourced",
        "h_missing": "No source",
        "h_peak_at": "Actual peak",
        "h_cost_of_peaking": "Cost of peaking ({unit}, discounted)",
        "h_peak_level_curve": "Peak level ({unit})",
        "h_id": "Id",
        "h_title": "Document",
        "show_rows": "Show {n} rows",
        # targets, sensitivity, inventory, sources
        "targets_intro": "The plan's targets as stated in the dataset (plan.yaml).",
        "targets_none": "The dataset states no targets.",
        "sec_binding": "Which targets bind",
        "shadow_intro": "The shadow price of a target is the value of relaxing it by one "
                        "unit: how much the total system cost would fall (undiscounted, in "
                        "the year of the row) if the target allowed one unit more, e.g. one "
                        "more tonne under a cap. A target binds in a year when its shadow "
                        "price there is not zero (larger than {tol} in magnitude); where it "
                        "does not bind, the plan meets it with room to spare and it costs "
                        "nothing at the margin. Shadow prices of the {plan} scenario.",
        "tb_binding": "Binding in {n} year(s): the plan is held at the target's limit, and "
                      "relaxing it would lower the cost.",
        "tb_not_binding": "Not binding: met with room to spare in every year.",
        "tb_inactive": "No row with a finite bound in the model years: it does not "
                       "constrain this run.",
        "h_target": "Target",
        "h_binding_years": "Binds in",
        "h_shadow_max": "Highest shadow price",
        "h_unit": "Unit",
        "h_shadow_year": "Year of the highest",
        "h_reading": "Reading",
        "u_cny_t": "CNY/t",
        "u_cny_tce": "CNY/tce",
        "u_mcny_per": "million CNY per {unit}",
        "sens_intro": "Investment costs whose source is an assumption or estimate were scaled "
                      "by the factor shown for each sector group, and the baseline and plan "
                      "re-solved (warm). The table shows how the cost of the target "
                      "(plan minus baseline, discounted) moves.",
        "sens_none": "No sensitivity was computed (no estimated investment costs, no "
                     "baseline, or the run skipped it).",
        "sens_range": "Across these cases the cost of the target ranges from {low} to {high} "
                      "{unit} (central {mid} {unit}).",
        "inv_intro": "The base-year inventory computed from the dataset's activity data.",
        "inv_none": "The dataset has no base-year activity data, so the run computed no "
                    "inventory. The base year of the pathway is fixed to the observed "
                    "activities in parameters.csv.",
        "inv_summary": "Summary by sector",
        "inv_note_in_total": "Rows not counted in the city total under the chosen method are "
                             "left out of the summary.",
        "inv_full": "Full table",
        "inv_table_emissions": "Emissions by sector, fuel and gas",
        "inv_table_energy": "Energy use by sector and fuel",
        "inv_table_provenance": "Factors used, with their sources (provenance)",
        "h_energy_tj": "Energy (TJ)",
        "h_standard_coal": "Standard coal (tce)",
        "src_intro": "Every number the run used comes from the tables below, each row with "
                     "its source. Rows whose source begins with “assumption” are assumptions "
                     "of the dataset's authors; “unverified” marks a value not yet checked "
                     "against its source.",
        "src_documents": "Documents cited",
        "src_factors": "Emission factors used by the model",
        "src_factors_intro": "Per technology and gas, the factor the model used, where it "
                             "came from and the rule that chose it.",
        "src_overview": "Dataset values by status",
        "src_table": "{name}.csv",
        "src_factor_version": "Factor set version: {version}.",
        # method
        "method_text": [
            "The pathway is the least-cost way to meet the city's demands for energy "
            "services and materials over {base}–{horizon}, found by a linear programme "
            "(technology–commodity network in the TIMES/OSeMOSYS tradition), solved by HiGHS. "
            "See the formulation page of the carbonpath documentation for the full model.",
            "Objective: the sum over model years of annual costs (investment annuities, fixed "
            "and variable O&M, fuel and imports) in real {currency} of {price_year}, "
            "discounted to {discount_year} by 1/(1+r)^(y−{discount_year}) with "
            "r = {rate}.",
            "Investment enters as annuities (capital recovery factor at the technology's "
            "discount rate over its economic lifetime), paid in each model year the vintage "
            "is alive within the horizon and never after it.",
            "Emissions (targets' basis: {gas}, {method} method): {method_text}",
            "Peak target: emissions may not rise after the peak year P: E[y+1] ≤ E[y] for "
            "every y ≥ P, which guarantees that the highest emissions fall in P or earlier. "
            "A peak-level cap and post-peak reductions can be added; alone, a peak-year "
            "target rewards a higher peak, which is why the report compares the peak level "
            "with the baseline's.",
            "The base year is fixed to observed activity; decisions start the year after. "
            "Electricity, heat and hydrogen balance in each time block of {days} "
            "representative day(s), each day split into {hours} block(s) of {block_hours} "
            "hour(s); fuels and materials balance by year.",
        ],
        "method_provincial": "fossil combustion in the region + process CO2 + (electricity "
                             "imports − exports) × the provincial grid factor of the year.",
        "method_gpc": "scope 1 (all combustion and process emissions in the region, power "
                      "plants included) + scope 2 of imported electricity (imports × grid "
                      "factor); exports are not netted.",
        # reproducibility
        "repro_intro": "What is needed to reproduce this run exactly.",
        "r_carbonpath": "carbonpath version",
        "r_factors": "Factor set version",
        "r_dataset": "Dataset",
        "r_solver": "Solver",
        "r_options": "Solver options",
        "r_status": "Status",
        "r_iterations": "Iterations (last solve)",
        "r_python": "Python",
        "r_size": "LP size ({scenario})",
        "r_size_value": "{columns} columns, {rows} rows, {nonzeros} non-zeros",
        "r_coefficients": "Coefficient range ({scenario})",
        "r_checksums": "Input checksums",
        "r_rerender": "Re-render from the saved results: `carbonpath report RESULTS_DIR "
                      "[--out DIR] [--lang en|zh]`.",
        "seconds": "{value} s",
        "none": "–",
        "yes": "yes",
        "no": "no",
    },
    "zh": {
        "h_scenario": "情景",
        "h_targets": "目标",
        "h_status": "状态",
        "h_peak_year": "达峰年份",
        "h_peak_level": "峰值（{unit}）",
        "h_target_peak": "最晚达峰",
        "h_objective": "系统总成本（{unit}，折现）",
        "h_vs_baseline": "较基准情景（{unit}）",
        "h_year": "年份",
        "h_emissions_of": "{scenario}（{unit}）",
        "h_change_of": "{scenario}较{year}年",
        "card_change": "{last}年排放较{base}年",
        "h_baseline_cost": "基准情景（{unit}/年）",
        "h_plan_cost": "规划情景（{unit}/年）",
        "h_difference": "差额（{unit}/年）",
        "h_difference_disc": "差额，折现（{unit}）",
        "h_share_of": "非化石能源占比，{scenario}",
        "h_energy_of": "能源消费，{scenario}（{unit}）",
        "h_ci_of": "碳排放强度，{scenario}（{unit}）",
        "h_ei_of": "能耗强度，{scenario}（{unit}）",
        "h_marginal_of": "{scenario}（{unit}）",
        "h_name": "名称",
        "h_type": "类型",
        "h_what": "定义",
        "h_source": "来源",
        "h_scenarios": "情景",
        "h_group": "部门组",
        "h_technologies": "技术",
        "h_factor": "投资系数",
        "h_cost_of_target": "目标成本（{unit}）",
        "h_change": "变化（{unit}）",
        "h_sector": "部门",
        "h_total": "合计",
        "h_item": "项目",
        "h_value": "数值",
        "h_file": "文件",
        "h_checksum": "SHA-256 校验值",
        "h_rows": "行数",
        "h_assumptions": "假设",
        "h_unverified": "未核实",
        "h_sourced": "有出处",
        "h_missing": "无来源",
        "h_peak_at": "实际峰值年份",
        "h_cost_of_peaking": "达峰成本（{unit}，折现）",
        "h_peak_level_curve": "峰值（{unit}）",
        "h_id": "编号",
        "h_title": "文献",
        "show_rows": "展开 {n} 行",
        "targets_intro": "数据集（plan.yaml）中规定的规划目标。",
        "targets_none": "数据集未规定目标。",
        "sec_binding": "哪些目标起约束作用",
        "shadow_intro": "目标的影子价格是将该目标放宽一个单位的价值：若目标多允许一个单位（例如"
                        "排放上限下多排放一吨），系统总成本会降低多少（未折现，按该约束行所在"
                        "年份计）。某年影子价格不为零（绝对值大于{tol}）时，该目标在该年起约束"
                        "作用；不起约束作用时，方案有余量地满足目标，边际上不增加成本。表中为"
                        "{plan}的影子价格。",
        "tb_binding": "起约束作用（{n}个年份）：方案恰好达到目标限值，放宽目标可降低成本。",
        "tb_not_binding": "不起约束作用：各年均有余量地满足。",
        "tb_inactive": "在模型年份中没有有限界的约束行：对本次运行不构成约束。",
        "h_target": "目标",
        "h_binding_years": "起约束作用的年份",
        "h_shadow_max": "最高影子价格",
        "h_unit": "单位",
        "h_shadow_year": "最高值所在年份",
        "h_reading": "解读",
        "u_cny_t": "元/吨",
        "u_cny_tce": "元/吨标准煤",
        "u_mcny_per": "百万元/{unit}",
        "sens_intro": "将来源为假设或估计的投资成本按各部门组所示系数缩放，并对基准情景和规划情景"
                      "进行热启动重解。下表给出目标成本（规划减基准，折现）的变化。",
        "sens_none": "未进行敏感性分析（没有估算的投资成本、没有基准情景，或运行时跳过）。",
        "sens_range": "在这些情形下，目标成本介于{low}至{high}{unit}之间（中心值{mid}{unit}）。",
        "inv_intro": "由数据集活动水平数据计算的基准年清单。",
        "inv_none": "数据集没有基准年活动水平数据，因此本次运行未计算清单。路径的基准年固定为 "
                    "parameters.csv 中的观测活动水平。",
        "inv_summary": "分部门汇总",
        "inv_note_in_total": "按所选核算方法不计入城市总量的行未纳入汇总。",
        "inv_full": "完整表格",
        "inv_table_emissions": "分部门、分品种、分气体排放",
        "inv_table_energy": "分部门、分品种能源消费",
        "inv_table_provenance": "所用因子及其来源",
        "h_energy_tj": "能源消费（TJ）",
        "h_standard_coal": "标准煤（吨标准煤）",
        "src_intro": "本次运行使用的每个数值都来自下列表格，每行均注明来源。来源以“assumption”"
                     "开头的行是数据集作者的假设；“unverified”表示该数值尚未与来源核对。",
        "src_documents": "引用文献",
        "src_factors": "模型使用的排放因子",
        "src_factors_intro": "各技术、各气体所用的排放因子、其来源及选取规则。",
        "src_overview": "按状态统计的数据集数值",
        "src_table": "{name}.csv",
        "src_factor_version": "因子库版本：{version}。",
        "method_text": [
            "路径是在{base}—{horizon}年间满足城市能源服务与材料需求的最低成本方案，由线性规划"
            "（TIMES/OSeMOSYS 传统的技术—品种网络）求得，求解器为 HiGHS。完整模型见 carbonpath "
            "文档的模型公式页。",
            "目标函数：各模型年年度成本（投资年金、固定与可变运维、燃料与外购）之和，以{price_year}年"
            "不变价{currency}计，按 1/(1+r)^(y−{discount_year}) 折现至{discount_year}年，"
            "r = {rate}。",
            "投资以年金计入（按技术折现率和经济寿命计算资本回收系数），只在该批设备于规划期内"
            "存续的年份支付，规划期之后不再计入。",
            "排放（目标口径：{gas}，{method}）：{method_text}",
            "达峰目标：达峰年份 P 之后排放不得上升，即对每个 y ≥ P 有 E[y+1] ≤ E[y]，从而保证"
            "最高排放出现在 P 年或之前。可另加峰值上限和峰后减排；仅规定达峰年份会鼓励更高的"
            "峰值，因此报告将峰值与基准情景比较。",
            "基准年固定为观测活动水平，决策自次年开始。电力、热力和氢在{days}个典型日的每个"
            "时段平衡（每日分为{hours}个时段，每个时段{block_hours}小时）；燃料和材料按年平衡。",
        ],
        "method_provincial": "本地化石能源燃烧 + 工业过程 CO2 + （调入电力 − 调出电力）× 当年"
                             "省级电网排放因子（省级核算方法）。",
        "method_gpc": "范围一（本地全部燃烧与过程排放，含电厂）+ 调入电力的范围二（调入量 × "
                      "电网因子），调出电力不抵扣（GPC 方法）。",
        "repro_intro": "精确复现本次运行所需的信息。",
        "r_carbonpath": "carbonpath 版本",
        "r_factors": "因子库版本",
        "r_dataset": "数据集",
        "r_solver": "求解器",
        "r_options": "求解器参数",
        "r_status": "求解状态",
        "r_iterations": "迭代次数（最后一次求解）",
        "r_python": "Python",
        "r_size": "线性规划规模（{scenario}）",
        "r_size_value": "{columns} 列，{rows} 行，{nonzeros} 个非零元",
        "r_coefficients": "系数范围（{scenario}）",
        "r_checksums": "输入文件校验值",
        "r_rerender": "由保存的结果重新生成报告：`carbonpath report RESULTS_DIR [--out DIR] "
                      "[--lang en|zh]`。",
        "seconds": "{value} 秒",
        "none": "–",
        "yes": "是",
        "no": "否",
    },
}
