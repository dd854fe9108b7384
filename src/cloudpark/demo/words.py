"""Word lists the synthetic enterprises, people and addresses are made of.

Every pair is (Chinese, English). The lists are ordinary words of Chinese company names in the
cultural industries; any resemblance of a generated name to a real company is chance.
"""

# How a company names its city: the prefix of the name and the start of the address.
CITIES = {
    "110105": ("北京", "Beijing", "北京市朝阳区"),
    "330100": ("杭州", "Hangzhou", "浙江省杭州市"),
    "330106": ("杭州", "Hangzhou", "浙江省杭州市西湖区"),
    "330108": ("杭州", "Hangzhou", "浙江省杭州市滨江区"),
    "330110": ("杭州", "Hangzhou", "浙江省杭州市余杭区"),
    "330200": ("宁波", "Ningbo", "浙江省宁波市"),
    "330300": ("温州", "Wenzhou", "浙江省温州市"),
    "330400": ("嘉兴", "Jiaxing", "浙江省嘉兴市"),
    "330500": ("湖州", "Huzhou", "浙江省湖州市"),
    "330600": ("绍兴", "Shaoxing", "浙江省绍兴市"),
    "330700": ("金华", "Jinhua", "浙江省金华市"),
    "330783": ("东阳", "Dongyang", "浙江省东阳市"),
    "330800": ("衢州", "Quzhou", "浙江省衢州市"),
    "331000": ("台州", "Taizhou", "浙江省台州市"),
}

# Place words a company may put before its brand, by region.
LOCAL_WORDS = {
    "110105": (("京华", "Jinghua"), ("朝阳", "Chaoyang"), ("国贸", "Guomao")),
    "330100": (("钱塘", "Qiantang"), ("运河", "Grand Canal")),
    "330106": (("之江", "Zhijiang"), ("西溪", "Xixi"), ("西子", "Xizi")),
    "330108": (("钱江", "Qianjiang"), ("白马湖", "Baima Lake")),
    "330110": (("良渚", "Liangzhu"), ("径山", "Jingshan")),
    "330200": (("甬江", "Yongjiang"), ("象山", "Xiangshan")),
    "330300": (("瓯江", "Oujiang"), ("雁荡", "Yandang")),
    "330400": (("南湖", "Nanhu"), ("禾城", "Hecheng")),
    "330500": (("太湖", "Taihu"), ("南浔", "Nanxun")),
    "330600": (("兰亭", "Lanting"), ("鉴湖", "Jianhu")),
    "330700": (("婺州", "Wuzhou"), ("双龙", "Shuanglong")),
    "330783": (("横店", "Hengdian"), ("歌山", "Geshan")),
    "330800": (("衢江", "Qujiang"), ("烂柯", "Lanke")),
    "331000": (("天台", "Tiantai"), ("和合", "Hehe")),
}

BRANDS = (
    ("光影", "Light and Shadow"),
    ("星河", "Galaxy"),
    ("云帆", "Cloud Sail"),
    ("青禾", "Green Sprout"),
    ("墨韵", "Ink Charm"),
    ("锦绣", "Brocade"),
    ("远山", "Far Mountain"),
    ("拾光", "Gleaning Light"),
    ("蓝鲸", "Blue Whale"),
    ("极光", "Aurora"),
    ("长风", "Long Wind"),
    ("明川", "Bright River"),
    ("若水", "Ruoshui"),
    ("松石", "Pine Rock"),
    ("半山", "Midhill"),
    ("知行", "Zhixing"),
    ("微光", "Glimmer"),
    ("繁星", "Starry"),
    ("春山", "Spring Hill"),
    ("听澜", "Tinglan"),
    ("望舒", "Wangshu"),
    ("朝夕", "Zhaoxi"),
    ("飞鸿", "Flying Swan"),
    ("九章", "Nine Chapters"),
    ("千帆", "Thousand Sails"),
    ("万象", "Panorama"),
    ("乐游", "Joyful Journey"),
    ("天工", "Tiangong"),
    ("匠心", "Craftsmanship"),
    ("青云", "Blue Cloud"),
    ("白鹭", "Egret"),
    ("晴川", "Clear River"),
    ("南山", "South Hill"),
    ("鹿鸣", "Deer Song"),
    ("幻彩", "Iridescence"),
    ("大象", "Elephant"),
    ("米粒", "Rice Grain"),
    ("方圆", "Fangyuan"),
    ("清音", "Clear Sound"),
    ("弦歌", "String Song"),
    ("启明", "Morning Star"),
    ("橙果", "Orange Fruit"),
    ("鲸鱼", "Whale"),
    ("红枫", "Red Maple"),
    ("新禾", "New Grain"),
    ("一苇", "Reed"),
    ("星火", "Spark"),
    ("峰岚", "Fenglan"),
    ("银杏", "Ginkgo"),
    ("蓝海", "Blue Ocean"),
)

# What a company in each mid category of the 2018 classification calls its line of business.
INDUSTRY_WORDS = {
    "011": (("新闻资讯", "News and Information"), ("融媒体", "Media Convergence")),
    "012": (("报业传媒", "Newspaper Media"), ("报刊信息", "Press Information")),
    "013": (("广播电视", "Radio and Television"), ("广电传媒", "Broadcast Media")),
    "014": (("网络科技", "Network Technology"), ("数字媒体", "Digital Media")),
    "021": (("文化出版", "Cultural Publishing"), ("数字出版", "Digital Publishing")),
    "022": (
        ("文化传媒", "Culture Media"),
        ("影视制作", "Film and Television Production"),
        ("影业", "Pictures"),
        ("影视文化", "Film and Television Culture"),
    ),
    "023": (("文化艺术", "Culture and Arts"), ("音乐创作", "Music Creation")),
    "024": (
        ("动漫", "Animation"),
        ("数字娱乐", "Digital Entertainment"),
        ("网络游戏", "Online Games"),
        ("数字内容", "Digital Content"),
    ),
    "025": (("数字典藏", "Digital Collections"), ("文献数字化", "Archive Digitisation")),
    "026": (("工艺美术", "Arts and Crafts"), ("木雕艺术", "Wood Carving Art")),
    "027": (("陶瓷艺术", "Art Ceramics"), ("青瓷", "Celadon")),
    "031": (("广告", "Advertising"), ("品牌策划", "Brand Planning")),
    "032": (("创意设计", "Creative Design"), ("工业设计", "Industrial Design")),
    "041": (("图书发行", "Book Distribution"), ("书业", "Books")),
    "042": (("广电网络", "Broadcast Network"), ("视听传输", "Audiovisual Transmission")),
    "043": (("影视发行", "Film Distribution"), ("影院管理", "Cinema Management")),
    "044": (("演艺", "Performing Arts"), ("剧院管理", "Theatre Management")),
    "045": (("互动娱乐", "Interactive Entertainment"), ("网络视听", "Online Audiovisual")),
    "046": (("拍卖", "Auction"), ("艺术品经纪", "Art Brokerage")),
    "047": (("工艺品贸易", "Crafts Trading"), ("文创商贸", "Creative Goods Trading")),
    "051": (("文化投资", "Cultural Investment"), ("文化产业投资", "Cultural Industry Investment")),
    "052": (("文化产业运营", "Cultural Industry Operation"), ("园区运营", "Park Operation")),
    "061": (("娱乐", "Entertainment"), ("电子竞技", "Esports")),
    "062": (("文化旅游", "Cultural Tourism"), ("景区运营", "Scenic Area Operation")),
    "063": (("休闲旅游", "Leisure Tourism"), ("研学旅行", "Study Tours")),
    "071": (("文化用品", "Cultural Supplies"), ("颜料", "Pigments")),
    "072": (("印刷", "Printing"), ("印务", "Printing Services")),
    "073": (("版权服务", "Copyright Services"), ("知识产权代理", "Intellectual Property Agency")),
    "074": (("会展", "Exhibitions"), ("会议展览", "Conferences and Exhibitions")),
    "075": (("文化经纪", "Cultural Brokerage"), ("艺人经纪", "Talent Management")),
    "076": (("影视器材租赁", "Film Equipment Rental"), ("舞美租赁", "Stage Equipment Rental")),
    "077": (("文化培训", "Cultural Training"), ("影视教育", "Film Education")),
    "081": (("印刷机械", "Printing Machinery"), ("印刷设备", "Printing Equipment")),
    "082": (("广电设备", "Broadcast Equipment"), ("影音技术", "Audio and Video Technology")),
    "083": (("影像设备", "Imaging Equipment"), ("摄录科技", "Camera Technology")),
    "084": (("舞台设备", "Stage Equipment"), ("灯光音响", "Lighting and Sound")),
    "085": (("游艺设备", "Amusement Equipment"), ("游乐科技", "Amusement Technology")),
    "086": (("乐器", "Musical Instruments"), ("琴业", "Piano")),
    "091": (("文具", "Stationery"), ("办公文具", "Office Stationery")),
    "092": (("湖笔", "Hu Brush"), ("笔墨", "Brush and Ink")),
    "093": (("玩具", "Toys"), ("益智玩具", "Educational Toys")),
    "094": (("节庆用品", "Festive Goods"), ("灯彩", "Lanterns")),
    "095": (("智能终端", "Smart Terminals"), ("数字电视终端", "Digital TV Terminals")),
}

COMPANY_FORMS = (("有限公司", "Co., Ltd."), ("股份有限公司", "Co., Ltd."))

SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗高郑梁谢宋唐许韩冯"
    "邓曹彭曾田董潘袁蔡蒋余杜叶程魏苏吕丁沈任姚卢钟姜崔谭陆范"
    "汪金石方俞楼应"
)
GIVEN_NAME_CHARACTERS = (
    "伟芳娜敏静丽强磊洋艳勇军杰娟涛明超秀霞平刚英华玉萍红文辉"
    "建鹏琳宇晨浩婷欣怡佳俊晓雪思雨嘉梓诗睿航轩"
)

# Prefixes of mainland mobile numbers in use by the three carriers.
MOBILE_PREFIXES = (
    *("130", "131", "132", "133", "135", "136", "137", "138", "139"),
    *("150", "151", "152", "153", "155", "156", "157", "158", "159"),
    *("166", "173", "177"),
    *("180", "181", "182", "183", "185", "186", "187", "188", "189"),
    *("191", "198", "199"),
)

STREETS = (
    "文化路",
    "创意大道",
    "人民路",
    "解放路",
    "中山路",
    "科技大道",
    "文创路",
    "学院路",
    "新华路",
    "滨河路",
)
