// The words generated rows are made of: names, area codes, branches, diagnoses, notes.

/// Fixed word lists, kept as UTF-8 bytes so rows are assembled without building strings.
enum Vocabulary {
    static func bytes(_ words: [String]) -> [[UInt8]] { words.map { Array($0.utf8) } }

    /// Common surnames, most frequent first; a few two-character ones at the end.
    static let surnames = bytes(
        "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤"
            .map { String($0) } + ["欧阳", "司马", "上官", "诸葛"])
    static let maleGiven = bytes("伟强磊军勇杰涛斌超明刚平辉鹏华飞鑫波宇浩凯健俊帆帅旭宁龙林阳建国志文海峰亮成东新振晨正".map { String($0) })
    static let femaleGiven = bytes("芳娜敏静丽艳娟霞秀玲桂英婷雪慧琳洁红梅燕萍莉兰颖倩丹蓉琴云晶欣悦佳怡婧月露瑶璐".map { String($0) })

    /// Six-digit administrative area codes (real districts), the first part of an ID number.
    static let areaCodes: [UInt64] = [
        110101, 110105, 110108, 310104, 310115, 320583, 320582, 320581, 320506, 321281, 330106, 330108,
        340104, 342422, 350203, 360124, 370102, 410105, 412724, 420106, 430104, 430624, 440106, 440305,
        450103, 500105, 510107, 513030, 520102, 530102, 610113, 620102,
    ]

    static let branches = ["机关分会", "生产一分会", "生产二分会", "技术分会", "销售分会", "后勤分会", "质检分会", "物流分会"]
    static let branchBytes = bytes(branches)

    static let phonePrefixes: [UInt64] = [138, 139, 135, 136, 137, 150, 151, 152, 157, 158, 159, 182, 187, 188,
                                          130, 131, 132, 155, 156, 185, 186, 133, 153, 180, 189, 177, 199]

    static let outpatientDiagnoses = ["急性上呼吸道感染", "高血压", "2型糖尿病", "慢性胃炎", "腰椎间盘突出症", "过敏性鼻炎",
                                      "颈椎病", "急性支气管炎", "龋齿", "湿疹", "结膜炎", "慢性咽炎", "痛风"]
    static let inpatientDiagnoses = ["急性阑尾炎", "社区获得性肺炎", "胆囊结石伴胆囊炎", "腰椎间盘突出症", "冠心病", "脑梗死",
                                     "桡骨远端骨折", "甲状腺结节"]
    static let criticalDiagnoses = ["肺癌", "胃癌", "结直肠癌", "急性心肌梗死", "脑出血", "慢性肾衰竭（尿毒症期）"]
    static let womenCancerDiagnoses = ["乳腺癌", "宫颈癌"]
    static let accidentDiagnoses = ["踝关节扭伤", "手部切割伤", "肋骨骨折", "腕部挫伤"]

    static let stages = ["本科", "本科", "专科", "高职", "研究生", "中职"]
    static let impossibleDates = ["02-30", "04-31", "06-31", "09-31", "11-31"]
    static let badAmounts = ["12.345", "-5", "1.2.3"]
}
