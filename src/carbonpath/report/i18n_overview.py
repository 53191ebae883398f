"""Strings of the report's first screen, its new figures and its annex, per language.

Merged into :data:`carbonpath.report.i18n.STRINGS` (same keys in each language; a test
checks it). Kept apart from :mod:`~carbonpath.report.i18n` for size.
"""

from __future__ import annotations

__all__ = ["OVERVIEW_STRINGS"]

OVERVIEW_STRINGS: dict[str, dict[str, str]] = {
    "en": {
        "sec_overview": "At a glance",
        "ov_indicators": "Targets and 15th Five-Year Plan indicators",
        "ov_indicators_intro": "Each target of the plan and each 15th Five-Year Plan headline "
                               "indicator the results hold, in {years}, for each scenario: "
                               "the value, the target in brackets, ✓ met or ✗ missed (– no "
                               "target, or no value that year).",
        "h_indicator": "Indicator",
        "ind_peak_year": "Peak year ({name})",
        "ind_cap": "Emissions, {unit} ({name})",
        "ind_budget": "Cumulative emissions, {unit} ({name})",
        "ind_reduction": "Emissions, change since {ref} ({name})",
        "ind_emission_intensity": "CO₂ per unit of GDP, change since {ref} ({name})",
        "ind_energy_intensity": "Energy per unit of GDP, change since {ref} ({name})",
        "ind_nonfossil_share": "Non-fossil share of energy ({name})",
        "ind_min_share": "Share of the group's new capacity ({name})",
        "ind_fyp_emissions": "Total emissions, {unit} (15th FYP: total control)",
        "ind_fyp_carbon_intensity": "CO₂ per unit of GDP, change over five years (15th FYP)",
        "ind_fyp_energy_intensity": "Energy per unit of GDP, change over five years (15th FYP)",
        "ind_fyp_nonfossil": "Non-fossil share of energy (15th FYP)",
        "met_yes": "✓",
        "met_no": "✗",
        "ov_peak": "The peak",
        "h_peak_met": "By the target year",
        "h_p_peak": "Probability of peaking by the target year",
        "h_mc_median": "Median peak year (samples)",
        "mc_after": "after {year}",
        "ov_mc_from": "Probabilities from {n} Monte Carlo samples per scenario.",
        "ov_mc_few": " **Caution: {n} samples are too few** for a probability or a band: a "
                     "probability from them moves in steps of 1/{n}, and the edges of the "
                     "90 % band are the extreme samples themselves. Run `carbonpath "
                     "montecarlo` with `--samples {min}` or more (a few hundred for a "
                     "probability to within about 5 points) before reading them.",
        "ov_mc_invalid": " {k} more samples were left out as invalid: their sampled inputs "
                         "contradict the dataset (the model is infeasible even with every "
                         "target relaxed, or the dataset's rules refuse the values), so they "
                         "say nothing about the plan.",
        "ov_mc_none": "These results hold no uncertainty run (a Monte Carlo store in "
                      "`{path}`): the probability of peaking by the target year and the fan "
                      "chart of emissions appear when one exists.",
        "ov_delivers": "What delivers it",
        "ov_delivers_none": "These results hold no lever contributions (`{wedges}`) and no "
                            "marginal abatement cost curve (`{macc}`): the wedge figure and the "
                            "MACC appear when they exist. The sector figures below show where "
                            "emissions fall.",
        "ov_sectors": "Sector peak years",
        "h_sector_peak": "Peak year",
        "h_sector_level": "Peak ({unit})",
        "h_sector_last": "{year} ({unit})",
        "ov_cost": "Cost of the plan",
        "ov_cost_line": "The plan costs **{total} {money}** more than the baseline over "
                        "{first}–{last} (discounted to {discount_year}) and abates {abated} {em} "
                        "in those years: **{per_tonne} {price}** per tonne abated on average "
                        "(the discounted cost over the abatement discounted the same way, the "
                        "constant carbon price that would pay for the plan; an average, not "
                        "the marginal cost of the last tonne).",
        "ov_cost_saving": "The plan costs {total} {money} less than the baseline over "
                          "{first}–{last} (discounted to {discount_year}).",
        "ov_cost_none": "The cost per tonne needs a baseline (the `cost_reference` role of "
                        "dataset.yaml) and a plan that abates.",
        "ov_cost_gap": "The cost per tonne is not computed: the results lack the emissions "
                       "of some years, in {files}.",
        "ov_decides": "What decides it",
        "ov_tornado_intro": "Each sector's estimated capital costs scaled to ×{low} and ×{high}, "
                            "one sector at a time, and both scenarios solved again: the bars "
                            "show how the cost of the target moves. {n} of {total} sectors "
                            "move it; the others are left out. The one-at-a-time run records "
                            "the cost, not the peak year; a global ranking of the inputs that "
                            "move the peak year replaces it when an uncertainty run exists. The "
                            "full table is in the annex.",
        "ov_tornado_flat": "No sector's estimated capital costs move the cost of the target "
                           "(all {total} rows of the one-at-a-time run change it by less than "
                           "round-off); the full table is in the annex.",
        "ov_base": "The base year against statistics",
        "ov_base_intro": "The base year ({year}) as the model has it, as the inventory "
                         "computes it from activity data, and as published statistics give "
                         "it; the difference is relative to the model.",
        "ov_base_no_reference": "The dataset has no table of published statistics "
                                "(`{path}`: quantity, value, source); CEADs' city inventory or "
                                "the statistical yearbook's energy consumption go there.",
        "h_quantity": "Quantity",
        "h_basis": "What",
        "h_difference_rel": "Difference",
        "q_emissions": "Emissions ({unit})",
        "q_energy": "Energy consumption ({unit})",
        "q_generation": "Net electricity generation ({unit})",
        "q_capacity": "Installed power capacity ({unit})",
        "q_renewable_capacity": "Renewable power capacity ({unit})",
        "w_model": "Model",
        "w_inventory": "Inventory",
        "w_reference": "Published",
        "w_reference_other_year": "Published, another year",
        "ov_assumptions": "Values that are assumptions, by table",
        "h_assumed": "Assumptions or estimates",
        "h_share_assumed": "Share",
        "annex_title": "Annex: the full tables",
        "annex_intro": "The full tables of the report {report}; each also as a CSV file in the "
                       "results folder.",
        "annex_link": "The full tables are in the annex ({html}, {md}), each with its CSV "
                      "file in the results folder.",
        "annex_csv": "CSV: `{path}`",
        "card_peak_year_of": "Peak year · {scenario}",
        "card_peak_level_of": "Peak level · {scenario} ({unit})",
        "card_cost_per_t": "Cost per tonne abated ({unit})",
        "card_target_note": "target: no later than {year}",
        "h_co2e": "CO₂e (t, {gwp} GWP100)",
        "lg_generation": "Local generation",
        "lg_not_binding": "does not bind",
        "lg_median": "Median",
        "lg_band_50": "50 % of samples",
        "lg_band_90": "90 % of samples",
        "lg_low_factor": "Capital costs ×{factor}",
        "lg_high_factor": "Capital costs ×{factor}",
        "ax_change_cost": "Change of the cost of the target ({unit})",
        "ax_abatement": "Abatement ({unit})",
        "ax_abatement_in": "Abatement in {year} ({unit})",
        "macc_left_out": "Not drawn (no abatement to show): {names}",
        "ax_macc_cost": "Cost ({unit})",
        "fig_tornado": "What moves the cost of the target most",
        "cap_tornado": "Change of the cost of the target when one sector's estimated capital "
                       "costs are scaled down (blue) or up (red), largest range on top; "
                       "sectors that move nothing are left out.",
        "skip_tornado": "The run has no sensitivity, or no sector moves the cost of the "
                        "target.",
        "fig_fan": "Emissions under uncertainty",
        "cap_fan": "Median and the central 50 % and 90 % of the Monte Carlo samples' emissions "
                   "by scenario.",
        "skip_fan": "These results hold no uncertainty run.",
        "fig_decides": "What decides the peak",
        "cap_decides": "Influence of each uncertain input (a correlated group counts as one) on "
                       "the peak, from the Monte Carlo samples: the PAWN index (SALib; the median "
                       "Kolmogorov–Smirnov distance between the peak's distribution and its "
                       "distributions when the input is held in a slice of its range), 0 = "
                       "no influence, 1 at most.",
        "skip_decides": "No global sensitivity: no Monte Carlo store was given, it has fewer "
                        "than 20 optimal samples per scenario, or the peak does not vary.",
        "skip_tornado_global": "Replaced by the global ranking of the Monte Carlo samples.",
        "ax_pawn_peak_year": "Influence on the peak year (PAWN index)",
        "ax_pawn_peak_level": "Influence on the peak level (PAWN index)",
        "ov_decides_peak_year": "The inputs that move the peak year of the {scenario} scenario "
                                "most, ranked on its {n} Monte Carlo samples by the PAWN "
                                "index (SALib): {top}.",
        "ov_decides_peak_level": "The peak year does not vary over the Monte Carlo samples; "
                                 "the inputs that move the peak level of the {scenario} "
                                 "scenario most, ranked on its {n} samples by the PAWN "
                                 "index (SALib): {top}.",
        "fig_wedges": "What delivers the reduction",
        "cap_wedges": "Emissions avoided against the {wedge_reference} scenario by lever "
                      "({plan} scenario).",
        "skip_wedges": "These results hold no lever contributions.",
        "fig_macc": "Marginal abatement cost curve",
        "cap_macc": "Measures ordered by cost per tonne (their discounted cost over their "
                    "discounted abatement, over the horizon); the width of each bar is the "
                    "measure's abatement in the year shown. The measures' shares add up "
                    "exactly to the gap (Shapley values, or the listed order).",
        "skip_macc": "These results hold no marginal abatement cost curve.",
        "u_min_share_new": "million CNY per {unit} of new {group} capacity",
        "u_min_share_activity": "million CNY per {unit} of {group} activity",
        "u_per_unit_of": "million CNY per {unit}",
        # capacity prices and stranded costs (carbonpath.report.adequacy)
        "ov_capacity_price": "Adequacy: in the {scenario} scenario the reserve margin prices "
                             "firm capacity at up to {price} CNY/kW-yr ({commodity}, {year}; "
                             "non-zero in {first}–{last}), what one more kW of firm capacity "
                             "would save (annex: capacity prices).",
        "ov_stranded": "Early retirement in the {scenario} scenario ({techs}, {first}–{last}) "
                       "strands {total} {money} of capital annuities in total (undiscounted; "
                       "annex: early retirement).",
        "annex_capacity_prices": "Capacity prices of the reserve margin (CNY/kW-yr, "
                                 "undiscounted)",
        "annex_retirement": "Early retirement and stranded annuities",
        "h_commodity": "Commodity",
        "h_technology": "Technology",
        "h_capacity_price": "Capacity price, CNY/kW-yr",
        "h_binding": "Binding in",
        "h_retired": "Retired",
        "h_stranded": "Stranded annuities, {money}/yr",
        "inv_table_by_region": "By region (model_region of activity.csv)",
        "inv_table_energy_by_region": "Energy by region, tce (model_region of activity.csv)",
        "h_calorific_tce": "Standard coal, electricity at calorific value (tce)",
    },
    "zh": {
        "sec_overview": "概览",
        "ov_indicators": "规划目标与“十五五”指标",
        "ov_indicators_intro": "规划的各项目标和结果中包含的“十五五”主要指标在{years}年的"
                               "取值（分情景）：括号内为目标值，✓ 达标，✗ 未达标（– 表示无目标"
                               "或当年无数值）。",
        "h_indicator": "指标",
        "ind_peak_year": "达峰年份（{name}）",
        "ind_cap": "排放量，{unit}（{name}）",
        "ind_budget": "累计排放量，{unit}（{name}）",
        "ind_reduction": "排放量较{ref}年变化（{name}）",
        "ind_emission_intensity": "单位GDP二氧化碳排放较{ref}年变化（{name}）",
        "ind_energy_intensity": "单位GDP能耗较{ref}年变化（{name}）",
        "ind_nonfossil_share": "非化石能源消费比重（{name}）",
        "ind_min_share": "组内新增装机比重（{name}）",
        "ind_fyp_emissions": "碳排放总量，{unit}（“十五五”总量控制）",
        "ind_fyp_carbon_intensity": "单位GDP二氧化碳排放五年变化（“十五五”）",
        "ind_fyp_energy_intensity": "单位GDP能耗五年变化（“十五五”）",
        "ind_fyp_nonfossil": "非化石能源消费比重（“十五五”）",
        "met_yes": "✓",
        "met_no": "✗",
        "ov_peak": "达峰",
        "h_peak_met": "是否按期达峰",
        "h_p_peak": "按期达峰概率",
        "h_mc_median": "达峰年份中位数（样本）",
        "mc_after": "{year}年以后",
        "ov_mc_from": "概率来自每个情景 {n} 个蒙特卡洛样本。",
        "ov_mc_few": "**注意：{n} 个样本太少**，不足以给出概率或区间：由它们算出的概率以 1/{n} "
                     "为步长变化，90 % 区间的边界就是最极端的样本本身。请先以 "
                     "`--samples {min}` 或更多（概率精确到约 5 个百分点需要几百个）运行 "
                     "`carbonpath montecarlo`，再阅读这些结果。",
        "ov_mc_invalid": "另有 {k} 个样本作为无效样本被排除：其抽样输入与数据集矛盾"
                         "（即使放宽全部目标模型仍不可行，或数值不符合数据集的规则），"
                         "不能说明规划的结果。",
        "ov_mc_none": "本结果不含不确定性分析（蒙特卡洛结果位于 `{path}`）：有该结果时，"
                      "报告给出按期达峰的概率和排放扇形图。",
        "ov_delivers": "减排来自哪里",
        "ov_delivers_none": "本结果不含各措施的减排贡献（`{wedges}`）和边际减排成本曲线"
                            "（`{macc}`）：有这些结果时，报告给出楔形图和边际减排成本曲线。"
                            "下方各部门图显示排放在哪里下降。",
        "ov_sectors": "各部门达峰年份",
        "h_sector_peak": "达峰年份",
        "h_sector_level": "峰值（{unit}）",
        "h_sector_last": "{year}年（{unit}）",
        "ov_cost": "规划的成本",
        "ov_cost_line": "{first}—{last}年规划情景比基准情景多花费 **{total} {money}**"
                        "（折现到{discount_year}年），这些年共减排 {abated} {em}：平均每吨减排成本"
                        " **{per_tonne} {price}**（折现成本除以同样折现的减排量，即足以支付该"
                        "规划的不变碳价；平均值，不是最后一吨的边际成本）。",
        "ov_cost_saving": "{first}—{last}年规划情景比基准情景节省 {total} {money}（折现到"
                          "{discount_year}年）。",
        "ov_cost_none": "计算每吨减排成本需要基准情景和有减排的规划情景。",
        "ov_cost_gap": "未计算每吨减排成本：结果缺少部分年份的排放，见 {files}。",
        "ov_decides": "关键影响因素",
        "ov_tornado_intro": "逐一将各部门估算的投资成本调整为 ×{low} 和 ×{high}，并重新求解两个"
                            "情景：条形表示目标成本的变化。{total} 个部门中有 {n} 个对其有影响，"
                            "其余未列出。单因素分析记录的是成本而不是达峰年份；有不确定性分析时，"
                            "将以影响达峰年份的全局排序取代。完整表格见附录。",
        "ov_tornado_flat": "没有部门的投资成本会改变目标成本（单因素分析的 {total} 行变化均低于"
                           "舍入误差）；完整表格见附录。",
        "ov_base": "基准年与统计数据对照",
        "ov_base_intro": "基准年（{year}年）的模型数值、由活动水平数据计算的清单数值和公开"
                         "统计数值；差异相对于模型数值。",
        "ov_base_no_reference": "数据集中没有公开统计数据表（`{path}`：quantity、value、"
                                "source）；可在此填入CEADs城市清单或统计年鉴的能源消费量。",
        "h_quantity": "项目",
        "h_basis": "来源类型",
        "h_difference_rel": "差异",
        "q_emissions": "排放量（{unit}）",
        "q_energy": "能源消费量（{unit}）",
        "q_generation": "净发电量（{unit}）",
        "q_capacity": "电力装机容量（{unit}）",
        "q_renewable_capacity": "可再生能源装机（{unit}）",
        "w_model": "模型",
        "w_inventory": "清单",
        "w_reference": "公开统计",
        "w_reference_other_year": "公开统计（其他年份）",
        "ov_assumptions": "各数据表中假设值的比重",
        "h_assumed": "假设或估计",
        "h_share_assumed": "比重",
        "annex_title": "附录：完整表格",
        "annex_intro": "报告{report}的完整表格；每张表也以CSV文件保存在结果文件夹中。",
        "annex_link": "完整表格见附录（{html}、{md}），每张表的CSV文件在结果文件夹中。",
        "annex_csv": "CSV：`{path}`",
        "card_peak_year_of": "达峰年份 · {scenario}",
        "card_peak_level_of": "峰值 · {scenario}（{unit}）",
        "card_cost_per_t": "每吨减排成本（{unit}）",
        "card_target_note": "目标：不晚于{year}年",
        "h_co2e": "CO₂当量（吨，{gwp} GWP100）",
        "lg_generation": "本地发电量",
        "lg_not_binding": "不起约束",
        "lg_median": "中位数",
        "lg_band_50": "50% 样本",
        "lg_band_90": "90% 样本",
        "lg_low_factor": "投资成本 ×{factor}",
        "lg_high_factor": "投资成本 ×{factor}",
        "ax_change_cost": "目标成本变化（{unit}）",
        "ax_abatement": "减排量（{unit}）",
        "ax_abatement_in": "{year}年减排量（{unit}）",
        "macc_left_out": "未绘出（无可显示的减排量）：{names}",
        "ax_macc_cost": "成本（{unit}）",
        "fig_tornado": "对目标成本影响最大的因素",
        "cap_tornado": "逐一下调（蓝）或上调（红）某部门估算投资成本时目标成本的变化，变化范围"
                       "最大的在上；无影响的部门未列出。",
        "skip_tornado": "本次运行没有敏感性分析，或没有部门影响目标成本。",
        "fig_fan": "不确定性下的排放",
        "cap_fan": "各情景蒙特卡洛样本排放的中位数及中间 50% 和 90% 区间。",
        "skip_fan": "本结果不含不确定性分析。",
        "fig_decides": "决定达峰的因素",
        "cap_decides": "蒙特卡洛样本中各不确定输入（相关组计为一个）对达峰的影响：PAWN 指数"
                       "（SALib；输入限定在其取值范围某一段时峰值分布与总体分布的 "
                       "Kolmogorov–Smirnov 距离的中位数），0 表示无影响，最大为 1。",
        "skip_decides": "没有全局敏感性：未提供蒙特卡洛结果，或每个情景的最优样本少于 20 个，"
                        "或峰值不随样本变化。",
        "skip_tornado_global": "已由蒙特卡洛样本的全局排序代替。",
        "ax_pawn_peak_year": "对达峰年份的影响（PAWN 指数）",
        "ax_pawn_peak_level": "对峰值水平的影响（PAWN 指数）",
        "ov_decides_peak_year": "按{scenario} {n} 个蒙特卡洛样本的 PAWN 指数"
                                "（SALib）排序，对达峰年份影响最大的输入：{top}。",
        "ov_decides_peak_level": "达峰年份不随蒙特卡洛样本变化；按{scenario} {n} 个样本的 "
                                 "PAWN 指数（SALib）排序，对峰值水平影响最大的输入："
                                 "{top}。",
        "fig_wedges": "减排来自哪些措施",
        "cap_wedges": "{plan}相对{wedge_reference}各措施避免的排放。",
        "skip_wedges": "本结果不含各措施的减排贡献。",
        "fig_macc": "边际减排成本曲线",
        "cap_macc": "各措施按每吨减排成本排序（规划期内折现成本除以折现减排量）；条形宽度为"
                    "该措施在所示年份的减排量。各措施的份额之和严格等于减排缺口（Shapley 值"
                    "或所列顺序）。",
        "skip_macc": "本结果不含边际减排成本曲线。",
        "u_min_share_new": "百万元/{unit}（{group}新增装机）",
        "u_min_share_activity": "百万元/{unit}（{group}活动水平）",
        "u_per_unit_of": "百万元/{unit}",
        # 容量价格与搁浅成本（carbonpath.report.adequacy）
        "ov_capacity_price": "充裕度：{scenario}情景中备用率约束给出的容量价格最高为 {price} "
                             "元/千瓦·年（{commodity}，{year}年；{first}—{last}年不为零），即多一"
                             "千瓦可靠容量可节省的费用（见附录：容量价格）。",
        "ov_stranded": "{scenario}情景中的提前退役（{techs}，{first}—{last}年）共搁浅 {total} "
                       "{money} 的投资年金（未折现；见附录：提前退役）。",
        "annex_capacity_prices": "备用率约束的容量价格（元/千瓦·年，未折现）",
        "annex_retirement": "提前退役与搁浅年金",
        "h_commodity": "品种",
        "h_technology": "技术",
        "h_capacity_price": "容量价格，元/千瓦·年",
        "h_binding": "起作用的时段",
        "h_retired": "退役容量",
        "h_stranded": "搁浅年金，{money}/年",
        "inv_table_by_region": "分地区（activity.csv 的 model_region）",
        "inv_table_energy_by_region": "分地区能源消费，吨标准煤（activity.csv 的 model_region）",
        "h_calorific_tce": "标准煤，电力按当量值（吨标准煤）",
    },
}
