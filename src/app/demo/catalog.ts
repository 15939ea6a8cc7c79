/**
 * Word lists the demo builds its names from. Plain data: a name is city + trade name + industry + legal form,
 * the way Chinese company names are registered (上海 + 锦程 + 贸易 + 有限公司), and the English ones follow the
 * usual "Northwind Trading Co., Ltd." pattern. Long lists keep collisions rare among tens of thousands.
 */
export const cities = [
  '上海', '北京', '广州', '深圳', '杭州', '苏州', '南京', '宁波', '无锡', '常州', '合肥', '福州', '厦门', '泉州',
  '东莞', '佛山', '珠海', '中山', '天津', '青岛', '济南', '烟台', '大连', '沈阳', '长春', '哈尔滨', '石家庄', '太原',
  '郑州', '武汉', '长沙', '南昌', '成都', '重庆', '西安', '昆明', '贵阳', '南宁', '兰州', '乌鲁木齐', '温州', '嘉兴',
  '绍兴', '台州', '金华', '扬州', '徐州', '南通', '潍坊', '洛阳',
] as const;

export const tradeNames = [
  '锦程', '华信', '宏达', '恒通', '瑞丰', '鼎盛', '汇丰源', '德润', '中联', '天成', '嘉禾', '鑫源', '博远', '金桥',
  '永泰', '新元', '启航', '联创', '盛世', '安泰', '万象', '长青', '凯瑞', '正和', '东方红', '明辉', '立信', '华晟',
  '远景', '星河', '智联', '云帆', '海纳', '睿博', '润泽', '广源', '宏图', '福临', '新纪元', '华美', '同创', '百川',
  '汇智', '卓越', '领航', '和谐', '亿丰', '信达', '恒瑞', '鸿运', '君悦', '青松', '蓝海', '晨光', '聚力', '优品',
  '天禾', '盛和', '中科', '精诚', '达安', '俊杰', '众合', '富源', '弘毅', '鼎新', '沃德', '汇通', '思源', '泰和',
  '辰星', '铭泰', '昊天', '文华', '银河', '德隆', '兴业', '华腾', '宏伟', '振华',
] as const;

export const industries = [
  '贸易', '科技', '电子', '机械', '物流', '信息技术', '实业', '化工', '医疗器械', '建材', '食品', '纺织', '汽车配件',
  '环保科技', '生物科技', '供应链管理', '新能源', '精密制造', '软件', '文化传媒', '餐饮管理', '教育科技', '电气设备',
  '包装材料', '智能装备', '网络科技', '光电', '五金', '家居', '医药',
] as const;

export const legalForms = ['有限公司', '有限公司', '有限公司', '股份有限公司', '有限责任公司', '集团有限公司'] as const;

export const englishPrefixes = [
  'North', 'South', 'East', 'West', 'Blue', 'Silver', 'Golden', 'Bright', 'Harbor', 'Summit', 'Pacific', 'Atlas',
  'Crown', 'Pioneer', 'Evergreen', 'Oak', 'Maple', 'River', 'Stone', 'Red', 'Green', 'Star', 'Sun', 'Iron', 'Clear',
  'Swift', 'Noble', 'Prime', 'Apex', 'Orion', 'Delta', 'Falcon', 'Lotus', 'Jade', 'Pearl', 'Cedar', 'Aurora', 'Vista',
] as const;

export const englishSuffixes = [
  'wind', 'field', 'bridge', 'peak', 'gate', 'way', 'point', 'stone', 'wood', 'line', 'port', 'crest', 'light', 'view',
  'ridge', 'bay', 'star', 'vale', 'brook', 'haven',
] as const;

export const englishIndustries = [
  'Trading', 'Technologies', 'Logistics', 'Electronics', 'Industries', 'Systems', 'Foods', 'Textiles', 'Medical',
  'Solutions', 'Components', 'Energy', 'Packaging', 'Software', 'Instruments', 'Materials', 'Holdings', 'Retail',
] as const;

export const englishLegalForms = ['Co., Ltd.', 'Ltd', 'Inc.', 'LLC', 'Pte. Ltd.', 'GmbH', 'Limited', 'Corp.'] as const;

export const surnames = [
  '王', '李', '张', '刘', '陈', '杨', '黄', '赵', '吴', '周', '徐', '孙', '马', '朱', '胡', '郭', '何', '林', '罗', '高',
  '郑', '梁', '谢', '宋', '唐', '许', '韩', '冯', '邓', '曹',
] as const;

export const givenNames = [
  '伟', '芳', '娜', '敏', '静', '磊', '强', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '霞', '平',
  '刚', '桂英', '志强', '海燕', '建华', '晓东', '丽娟', '文博', '子涵', '思远', '雨桐', '浩然', '佳怡', '俊峰', '欣怡',
] as const;

export const englishFirstNames = ['Alice', 'Ben', 'Chloe', 'David', 'Emma', 'Frank', 'Grace', 'Henry', 'Ivy', 'Jack', 'Kevin', 'Lily'] as const;
export const englishLastNames = ['Chen', 'Wong', 'Smith', 'Lee', 'Taylor', 'Ng', 'Brown', 'Tan', 'Miller', 'Liu'] as const;

/**
 * The sales organisation: a head office over regions over teams. Sales owners sit in the leaves, and a team's
 * customers are registered in its region's cities; `overseas` marks the department whose customers mostly pay
 * in USD. Key Accounts and International serve the whole country.
 */
export interface DepartmentSeed {
  readonly code: string;
  readonly name: string;
  readonly parent: string | null;
  readonly cities?: readonly string[];
  readonly overseas?: boolean;
}

export const departmentTree: readonly DepartmentSeed[] = [
  { code: 'HQ', name: '销售总部', parent: null },
  { code: 'EAST', name: '华东销售部', parent: 'HQ' },
  { code: 'EAST-SH', name: '上海销售一组', parent: 'EAST', cities: ['上海'] },
  { code: 'EAST-ZJ', name: '浙江销售组', parent: 'EAST', cities: ['杭州', '宁波', '温州', '嘉兴', '绍兴', '台州', '金华'] },
  { code: 'EAST-JS', name: '江苏销售组', parent: 'EAST', cities: ['南京', '苏州', '无锡', '常州', '扬州', '徐州', '南通', '合肥'] },
  { code: 'SOUTH', name: '华南销售部', parent: 'HQ' },
  { code: 'SOUTH-GD', name: '广深销售组', parent: 'SOUTH', cities: ['广州', '深圳', '东莞', '佛山', '珠海', '中山', '南宁'] },
  { code: 'SOUTH-FJ', name: '福建销售组', parent: 'SOUTH', cities: ['福州', '厦门', '泉州', '南昌'] },
  { code: 'NORTH', name: '北方大区', parent: 'HQ' },
  { code: 'NORTH-BJ', name: '华北销售组', parent: 'NORTH', cities: ['北京', '天津', '石家庄', '太原', '济南', '青岛', '烟台', '潍坊', '郑州', '洛阳'] },
  { code: 'NORTH-NE', name: '东北销售组', parent: 'NORTH', cities: ['大连', '沈阳', '长春', '哈尔滨'] },
  { code: 'WEST', name: '西部大区', parent: 'HQ', cities: ['成都', '重庆', '西安', '昆明', '贵阳', '兰州', '乌鲁木齐', '武汉', '长沙'] },
  { code: 'KA', name: 'Key Accounts 大客户部', parent: 'HQ' },
  { code: 'INTL', name: '海外业务部 International', parent: 'HQ', overseas: true },
];

export interface ProductSeed {
  readonly code: string;
  readonly name: string;
  /** Relative share of order lines. */
  readonly weight: number;
}

export const productCatalog: readonly ProductSeed[] = [
  { code: 'P-ERP-STD', name: '款象 ERP 标准版许可', weight: 8 },
  { code: 'P-ERP-ENT', name: '款象 ERP 企业版许可', weight: 4 },
  { code: 'P-CRM-SAAS', name: 'CRM 云服务年费', weight: 10 },
  { code: 'P-MAINT', name: '年度维护服务', weight: 9 },
  { code: 'P-IMPL', name: '实施服务', weight: 6 },
  { code: 'P-TRAIN', name: '培训服务', weight: 4 },
  { code: 'P-CONSULT', name: '咨询服务（人天）', weight: 5 },
  { code: 'P-SRV-RACK', name: '机架式服务器', weight: 3 },
  { code: 'P-POS', name: '智能收银终端', weight: 5 },
  { code: 'P-SCAN', name: '工业扫码枪', weight: 4 },
  { code: 'P-PRINTER', name: '标签打印机', weight: 4 },
  { code: 'P-SENSOR', name: 'IoT 温湿度传感器套装', weight: 3 },
  { code: 'P-API', name: 'API 调用包（百万次）', weight: 3 },
  { code: 'P-SUPPORT-PLUS', name: 'Premium Support Plan', weight: 2 },
  { code: 'P-DATA-MIG', name: '数据迁移服务', weight: 2 },
  { code: 'P-CUSTOM', name: '定制开发', weight: 3 },
];
