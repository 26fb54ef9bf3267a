"""The fixed interest taxonomy and the protected categories it must never reveal.

Each topic and each protected category is a list of lower-case English words or phrases
(a phrase is two words, matched on consecutive words) and Chinese terms (matched anywhere
in the text, since jieba may cut a term differently in different sentences). English words
are listed in their base form: ``interests`` also tries the usual inflections.

Why our own lists: the packaged candidates were read and rejected. yake extracts keywords
but does not say what they are about, and runs at a few hundred posts a second
(bench/signals.py measured 256-710/s against about 15,000/s for this taxonomy match);
Empath's topic categories were grown from word embeddings and mix what must stay apart
(its ``work`` holds ``therapist`` and ``dental``, its ``politics`` holds ``community``, its
``religion`` holds ``society`` and ``tradition``), which would either leak a protected
category into an interest or drop harmless pages.

Deliberately absent: words that stand for a person's sex or marital status (make-up,
wedding, husband, wife, divorce, pregnancy), which have no place in a credit decision.
"""

from __future__ import annotations

__all__ = ["PROTECTED", "TOPICS"]


def _terms(text: str) -> tuple[str, ...]:
    """One term per line; words within a line are a phrase."""
    return tuple(line.strip() for line in text.strip().splitlines() if line.strip())


def _words(text: str) -> tuple[str, ...]:
    """Space-separated single words and terms."""
    return tuple(text.split())


TOPICS: dict[str, tuple[str, ...]] = {
    "finance": _words(
        """bank banking loan mortgage credit debit saving savings invest investing investment
        investor stock dividend fund pension budget budgeting insurance tax accountant
        accounting finance financial fintech trading trader forex crypto cryptocurrency
        bitcoin ethereum wealth money payday salary paycheck 银行 贷款 房贷 信用卡 理财 投资
        股票 基金 保险 存款 储蓄 财经 金融 工资 比特币 炒股 借款 还款 花呗 借呗 余额宝"""
    ) + _terms("personal finance\nstock market\ncredit card\ncredit score"),
    "education": _words(
        """school university college student study studying course lecture exam degree
        diploma graduate graduation alumni tutor tutoring teacher teaching learning academy
        scholarship homework phd mooc coursera udemy library research 学校 大学 学生 学习 考试
        考研 课程 教育 老师 毕业 校友 留学 培训 读书 图书馆 论文"""
    ),
    "work": _words(
        """job career work working office employer employee hiring recruitment recruiter
        resume cv interview internship intern manager management professional linkedin
        colleague business startup entrepreneur networking freelance freelancer consulting
        consultant engineer 工作 职场 求职 招聘 上班 加班 同事 老板 公司 创业 简历 面试 实习 职业
        兼职"""
    ) + _terms("small business"),
    "travel": _words(
        """travel travelling traveling traveler traveller trip holiday vacation flight airline
        airport hotel hostel backpacking backpacker tourism tourist cruise passport beach
        resort sightseeing abroad wanderlust airbnb 旅行 旅游 出游 机票 酒店 航班 自驾 度假 景点
        签证 出国"""
    ) + _terms("road trip"),
    "sport": _words(
        """sport sports football soccer basketball baseball cricket rugby tennis golf running
        runner marathon cycling cyclist swimming gym fitness workout yoga hiking climbing
        boxing judo karate skiing snowboarding surfing athletics athlete nba nfl badminton
        volleyball hockey 运动 体育 足球 篮球 跑步 健身 游泳 瑜伽 羽毛球 乒乓球 马拉松 骑行 登山
        网球 滑雪"""
    ) + _terms("premier league"),
    "gambling": _words(
        """gambling gamble gambler casino poker blackjack roulette slots betting bettor
        bookmaker bookie sportsbook wager wagering jackpot lottery lotto bingo baccarat
        bet365 betfair ladbrokes draftkings fanduel pokerstars 赌博 赌场 博彩 彩票 赌球 老虎机
        百家乐 六合彩 下注 赌钱 时时彩 体彩 福彩 双色球 投注"""
    ) + _terms("scratch card\nslot machine\nfruit machine\nsports betting\npaddy power\nwilliam hill"),
    "technology": _words(
        """technology tech software hardware programming programmer coding developer python
        javascript linux android iphone computer laptop gadget internet robotics
        cybersecurity smartphone app engineering electronics 科技 技术 编程 程序员 软件 互联网
        电脑 手机 人工智能 数码 芯片"""
    ) + _terms("artificial intelligence\nmachine learning\ndata science"),
    "food": _words(
        """food foodie recipe cooking baking restaurant cafe coffee pizza burger sushi dinner
        lunch breakfast brunch chef kitchen cuisine vegan vegetarian dessert cake bbq barbecue
        takeaway snack 美食 吃货 做饭 烹饪 菜谱 餐厅 火锅 外卖 烘焙 咖啡 奶茶 小吃 早餐 晚餐 饭店"""
    ) + _terms("street food"),
    "family": _words(
        """family parent parenting mum mom dad mother father baby kid children child toddler
        son daughter grandparent grandma grandpa 家庭 孩子 宝宝 育儿 亲子 父母 爸爸 妈妈 家人
        儿子 女儿"""
    ),
    "entertainment": _words(
        """music concert gig band festival movie film cinema tv netflix theatre theater comedy
        meme game gaming gamer playstation xbox nintendo anime manga celebrity dance dancing
        karaoke podcast youtube spotify party nightlife 音乐 电影 电视剧 综艺 游戏 动漫 演唱会
        追星 明星 娱乐 搞笑 直播 追剧 唱歌 跳舞"""
    ),
    "shopping": _words(
        """shopping shop deal discount coupon voucher mall boutique luxury amazon ebay outlet
        购物 淘宝 天猫 京东 拼多多 双十一 打折 优惠 网购 奢侈品"""
    ) + _terms("black friday\nonline shopping"),
    "home": _words(
        """home house housing apartment rent renting landlord tenant property diy garden
        gardening furniture interior decor renovation ikea homeowner realtor 买房 租房 房东 装修
        家居 房产 楼盘 家具 园艺"""
    ) + _terms("real estate"),
}

PROTECTED: dict[str, tuple[str, ...]] = {
    "religion": _words(
        """church christian christianity catholic protestant baptist methodist evangelical
        bible jesus christ god pray prayer mosque muslim islam islamic quran koran halal
        ramadan eid jewish jew judaism synagogue torah kosher hindu hinduism temple sikh
        sikhism gurdwara buddhist buddhism buddha atheist atheism faith worship ministry
        pastor priest imam rabbi parish diocese gospel spiritual spirituality religion
        religious mormon jehovah hajj 宗教 佛教 基督教 天主教 伊斯兰 穆斯林 清真 寺庙 教会 教堂 礼拜
        圣经 佛经 念佛 信仰 道教 上帝 耶稣 真主 拜佛 烧香"""
    ),
    "politics": _words(
        """politics political politician election vote voting voter labour tory conservative
        liberal democrat republican gop maga socialist socialism communist communism
        libertarian brexit parliament congress senate senator mp trump biden obama putin
        protest activism activist feminist feminism antifa nationalist nationalism government
        referendum ukip snp blm 政治 政党 共产党 选举 投票 国民党 民进党 党员 政府 抗议 游行 维权
        两会"""
    ) + _terms("labour party\nconservative party\ndemocratic party\nrepublican party\ngreen party\n"
               "communist party\nlib dem\nblack lives"),
    "health": _words(
        """health medical hospital clinic doctor illness disease diabetes diabetic cancer tumor
        tumour chemo chemotherapy hiv depression anxiety adhd autism autistic dementia
        alzheimer alzheimers asthma arthritis epilepsy disability disabled wheelchair therapy
        therapist counselling counseling rehab addiction alcoholic sobriety pregnancy pregnant
        ivf fertility miscarriage surgery medication prescription pharmacy diagnosis diagnosed
        symptom nhs 健康 医院 医生 疾病 生病 看病 住院 癌症 糖尿病 抑郁 抑郁症 焦虑症 怀孕 孕妇 残疾 药物
        吃药 治疗 手术 心理咨询"""
    ) + _terms("mental health"),
    "sexual_orientation": _words(
        """gay lesbian bisexual queer lgbt lgbtq lgbtqia transgender trans homosexual asexual
        pansexual nonbinary intersex 同性恋 拉拉 双性恋 跨性别 出柜"""
    ) + _terms("gay pride\npride month\npride parade\nnon binary\ndrag queen"),
    "ethnicity": _words(
        """ethnicity ethnic racial racism latino latina latinx hispanic indigenous aboriginal
        roma romani gypsy arab punjabi bengali somali kurdish diaspora desi 民族 少数民族 汉族
        藏族 维吾尔 回族 蒙古族 壮族 种族"""
    ) + _terms("african american\nblack community\nblack british\nblack history\nasian american\n"
               "asian community\nnative american\nfirst nations\ncaribbean community"),
    "trade_union": _terms("trade union\nlabor union\nlabour union\nunion member\nteamsters\n工会"),
    "sex_life": _words(
        """sex sexual porn pornography onlyfans dating tinder grindr hookup kink fetish bdsm
        swinger escort 约炮 色情 交友"""
    ),
}
