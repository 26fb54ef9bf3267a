"""A small default region table: every province-level division of China, the main cities with
some of their districts, and the same places in Latin script (pinyin, as written on
international parcels). Admins extend or replace it (admin "Import CSV")."""
from django.db import migrations

DEFAULT_REGIONS = """
北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 江西省 山东省
河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 西藏自治区 陕西省 甘肃省 青海省
宁夏回族自治区 新疆维吾尔自治区 台湾省 香港特别行政区 澳门特别行政区
北京市/北京市/东城区 北京市/北京市/西城区 北京市/北京市/朝阳区 北京市/北京市/海淀区 北京市/北京市/丰台区
上海市/上海市/黄浦区 上海市/上海市/浦东新区 上海市/上海市/徐汇区 上海市/上海市/静安区
天津市/天津市/和平区 天津市/天津市/滨海新区 重庆市/重庆市/渝中区 重庆市/重庆市/江北区
广东省/广州市/天河区 广东省/广州市/越秀区 广东省/广州市/白云区 广东省/深圳市/南山区 广东省/深圳市/福田区
广东省/深圳市/罗湖区 广东省/深圳市/宝安区 广东省/东莞市 广东省/佛山市/南海区 广东省/汕头市
浙江省/杭州市/西湖区 浙江省/杭州市/上城区 浙江省/宁波市/鄞州区 浙江省/温州市
江苏省/南京市/玄武区 江苏省/南京市/鼓楼区 江苏省/苏州市/姑苏区 江苏省/无锡市
四川省/成都市/武侯区 四川省/成都市/锦江区 湖北省/武汉市/武昌区 湖北省/武汉市/洪山区
福建省/福州市/鼓楼区 福建省/厦门市/思明区 山东省/济南市/历下区 山东省/青岛市/市南区
河南省/郑州市/金水区 湖南省/长沙市/岳麓区 陕西省/西安市/雁塔区 辽宁省/沈阳市/和平区 辽宁省/大连市/中山区
辽宁省/朝阳市 吉林省/长春市/朝阳区 吉林省/吉林市 黑龙江省/哈尔滨市/南岗区 云南省/昆明市/五华区
云南省/西双版纳傣族自治州 广西壮族自治区/南宁市/青秀区 贵州省/贵阳市/南明区 海南省/海口市/美兰区
安徽省/合肥市/蜀山区 江西省/南昌市/东湖区 河北省/石家庄市/长安区 山西省/太原市/小店区
Beijing Tianjin Hebei Shanxi Liaoning Jilin Heilongjiang Shanghai Jiangsu Zhejiang Anhui Fujian Jiangxi
Shandong Henan Hubei Hunan Guangdong Hainan Chongqing Sichuan Guizhou Yunnan Shaanxi Gansu Qinghai
Beijing/Beijing/Dongcheng_District Beijing/Beijing/Chaoyang_District Beijing/Beijing/Haidian_District
Shanghai/Shanghai/Pudong_New_Area Shanghai/Shanghai/Huangpu_District
Guangdong/Guangzhou/Tianhe_District Guangdong/Shenzhen/Nanshan_District Guangdong/Shenzhen/Futian_District
Guangdong/Dongguan Zhejiang/Hangzhou/Xihu_District Jiangsu/Nanjing Sichuan/Chengdu Hubei/Wuhan
Fujian/Xiamen Shandong/Qingdao Yunnan/Kunming Yunnan/Xishuangbanna
Hong_Kong/Hong_Kong/Kowloon Hong_Kong/Hong_Kong/Central_and_Western_District Macau Taiwan/Taipei
"""


def load(apps, schema_editor):
    Region = apps.get_model("express", "Region")
    rows = []
    for token in DEFAULT_REGIONS.split():
        levels = [level.replace("_", " ") for level in token.split("/")] + ["", ""]
        rows.append(Region(province=levels[0], city=levels[1], district=levels[2]))
    Region.objects.bulk_create(rows, ignore_conflicts=True)


def unload(apps, schema_editor):
    apps.get_model("express", "Region").objects.all().delete()


class Migration(migrations.Migration):
    dependencies = [("express", "0001_initial")]
    operations = [migrations.RunPython(load, unload)]
