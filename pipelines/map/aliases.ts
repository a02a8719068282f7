// Built-in header aliases (English, Simplified and Traditional Chinese) for every canonical column.
// Order matters: an earlier alias is a stronger claim (e.g. the tax-inclusive amount before the pre-tax one).

type Aliases = Record<string, string[]>;

const ORDER_ID = ['order_id', 'order id', 'order no', 'order number', 'orderno', 'invoiceno', 'invoice no', 'invoice number', 'invoice id', 'invoice', 'sales order', 'sales order number', 'salesordernumber', 'so number', 'document no',
  '订单号', '订单编号', '订单号码', '订单ID', '单号', '单据编号', '单据号', '销售单号', '销售订单号', '发票号',
  '訂單號', '訂單編號', '訂單號碼', '單號', '單據編號', '銷售單號', '發票號碼'];
const LINE_NO = ['line_no', 'line no', 'line number', 'lineno', 'line', 'item no', 'sales order line number', 'salesorderlinenumber', '行号', '明细行号', '行次', '行號', '明細行號'];
const ORDER_DATE = ['order_date', 'order date', 'orderdate', 'invoicedate', 'invoice date', 'sale date', 'sales date', 'transaction date', 'date',
  '下单日期', '订单日期', '单据日期', '销售日期', '交易日期', '业务日期', '开票日期', '下单时间', '日期',
  '下單日期', '訂單日期', '單據日期', '銷售日期', '交易日期', '業務日期'];
const CUSTOMER_ID = ['customer_id', 'customer id', 'customerid', 'customer no', 'customer number', 'customer code', 'client id', 'account id', 'account number',
  '客户编号', '客户代码', '客户编码', '客户ID', '客户号', '客戶編號', '客戶代碼', '客戶編碼', '客戶號'];
const CUSTOMER_NAME = ['customer_name', 'customer name', 'customername', 'customer', 'client', 'client name', 'account name',
  '客户名称', '客户', '客户名', '客户全称', '购买方', '购货单位', '客戶名稱', '客戶', '客戶名', '客戶全稱'];
const REP_ID = ['rep_id', 'rep id', 'repid', 'sales rep id', 'salesperson id', 'employee id', 'employeekey', 'employee key', 'staff id', 'seller id',
  '业务员编号', '销售员编号', '销售代表编号', '员工编号', '业务员ID', '工号', '業務員編號', '銷售員編號', '銷售代表編號', '員工編號', '工號'];
const REP_NAME = ['sales rep', 'salesperson', 'sales person', 'sales representative', 'rep', 'rep name', 'sales rep name', 'seller',
  '销售员', '业务员', '销售代表', '负责人', '业务代表', '经办人', '销售人员', '业务员姓名', '销售员姓名',
  '銷售員', '業務員', '銷售代表', '負責人', '業務代表', '經辦人', '銷售人員', '業務員姓名'];
const SKU = ['sku', 'product id', 'productid', 'product code', 'product no', 'item code', 'stockcode', 'stock code', 'part number', 'material',
  '物料编码', '产品编号', '产品编码', '商品编码', '商品编号', '物料号', '存货编码', '货号', '料号',
  '物料編碼', '產品編號', '產品編碼', '商品編碼', '商品編號', '存貨編碼', '貨號', '料號'];
const PRODUCT_NAME = ['product_name', 'product name', 'productname', 'product', 'item', 'item name', 'description',
  '产品', '商品', '品名', '产品名称', '商品名称', '物料名称', '存货名称', '货品名称',
  '產品', '產品名稱', '商品名稱', '物料名稱', '存貨名稱', '貨品名稱'];
const CATEGORY = ['category', 'product category', '品类', '类别', '产品类别', '商品类别', '分类', '大类', '品類', '類別', '產品類別', '商品類別', '分類'];
const REGION = ['region', 'sales region', 'area', 'territory', '区域', '地区', '大区', '销售区域', '片区', '區域', '地區', '大區', '銷售區域'];
const TEAM = ['team', 'team name', 'sales team', '团队', '小组', '组别', '团队名称', '销售团队', '團隊', '小組', '組別', '團隊名稱', '銷售團隊'];

export const ALIASES: Record<string, Aliases> = {
  orders: {
    order_id: ORDER_ID,
    line_no: LINE_NO,
    order_date: ORDER_DATE,
    customer_id: CUSTOMER_ID,
    customer_name: CUSTOMER_NAME,
    rep_id: REP_ID,
    sku: SKU,
    product_name: PRODUCT_NAME,
    category: CATEGORY,
    quantity: ['quantity', 'qty', 'units', 'orderquantity', 'order quantity', '数量', '销量', '销售数量', '件数', '數量', '銷量', '銷售數量'],
    unit_price: ['unit_price', 'unit price', 'unitprice', 'price', '含税单价', '单价', '销售单价', '售价', '含稅單價', '單價', '銷售單價', '售價'],
    discount: ['discount', 'discount rate', 'disc', 'unitpricediscountpct', '折扣', '折扣率', '折率'],
    amount: ['amount', '价税合计', '含税金额', '价税合计金额', '價稅合計', '含稅金額', 'total amount', 'totalamount', 'line total', 'sales', 'sales amount', 'salesamount', 'revenue',
      '实收金额', '销售额', '销售金额', '成交金额', '實收金額', '銷售額', '銷售金額', '成交金額', '金额', '金額', '不含税金额', '无税金额', '不含稅金額', '無稅金額'],
    status: ['status', 'order status', '状态', '订单状态', '单据状态', '狀態', '訂單狀態', '單據狀態'],
    original_order_id: ['original_order_id', 'original order id', 'original order', 'original invoice', '原订单号', '原单号', '原订单编号', '原始订单号', '关联订单号', '原訂單號', '原單號', '原訂單編號'],
    channel: ['channel', 'sales channel', '渠道', '销售渠道', '通路', '銷售渠道'],
    region: REGION,
    currency: ['currency', 'currency code', '币种', '币别', '货币', '幣種', '幣別', '貨幣'],
  },
  visits: {
    visit_id: ['visit_id', 'visit id', 'visit no', 'visit number', '拜访编号', '拜访单号', '拜访ID', '拜訪編號', '拜訪單號'],
    visit_at: ['visit_at', 'visit at', 'visit time', 'visit date', 'date', 'datetime', 'time', '拜访时间', '拜访日期', '拜访日', '日期', '时间', '拜訪時間', '拜訪日期', '時間'],
    rep_id: REP_ID,
    customer_id: CUSTOMER_ID,
    type: ['type', 'visit type', 'method', '拜访方式', '拜访类型', '方式', '类型', '拜訪方式', '拜訪類型', '類型'],
    outcome: ['outcome', 'result', '拜访结果', '结果', '拜訪結果', '結果'],
    duration_min: ['duration_min', 'duration min', 'duration', 'minutes', '时长分钟', '时长', '拜访时长', '持续时间', '時長分鐘', '時長', '拜訪時長'],
    next_step_date: ['next_step_date', 'next step date', 'follow up date', 'next follow up', '下次跟进日期', '下次拜访日期', '跟进日期', '下次跟進日期', '下次拜訪日期', '跟進日期'],
    notes: ['notes', 'note', 'comments', 'comment', 'remarks', 'remark', '备注', '说明', '拜访记录', '拜访内容', '備註', '說明', '拜訪記錄', '拜訪內容'],
  },
  targets: {
    period: ['period', 'target period', 'month', 'quarter', 'year', '期间', '月份', '年月', '季度', '年度', '考核期间', '期間', '考核期間'],
    rep_id: REP_ID,
    team: TEAM,
    region: REGION,
    metric: ['metric', 'kpi', 'measure', '指标', '考核指标', '指标类型', '指標', '考核指標'],
    target_value: ['target_value', 'target value', 'target', 'quota', 'sales quota', 'salesamountquota', 'goal', '目标值', '目标', '目标金额', '指标值', '任务额', '任务', '目標值', '目標', '目標金額', '指標值', '任務額', '指标', '指標'],
  },
  reps: {
    rep_id: ['rep_id', 'rep id', 'repid', 'employee id', 'employee no', 'employeekey', 'staff id', '员工编号', '工号', '业务员编号', '销售员编号', '员工ID', '員工編號', '工號', '業務員編號', '銷售員編號'],
    name: ['name', 'rep name', 'employee name', 'full name', '姓名', '名字', '员工姓名', '业务员', '销售员', '員工姓名', '業務員', '銷售員'],
    role: ['role', 'position', 'title', 'job title', '角色', '职位', '岗位', '职务', '職位', '崗位', '職務'],
    team: TEAM,
    region: REGION,
    manager_id: ['manager_id', 'manager id', 'supervisor id', 'reports to id', 'parentemployeekey', 'parent employee key', '上级编号', '直属上级编号', '上级ID', '上級編號', '直屬上級編號'],
    email: ['email', 'e-mail', 'mail', 'email address', 'emailaddress', '邮箱', '电子邮箱', '电子邮件', '郵箱', '電子郵箱', '電子郵件'],
    hire_date: ['hire_date', 'hire date', 'hiredate', 'start date', 'startdate', 'joined', '入职日期', '入职时间', '入職日期', '入職時間'],
    leave_date: ['leave_date', 'leave date', 'end date', 'enddate', 'termination date', '离职日期', '离职时间', '離職日期', '離職時間'],
    valid_from: ['valid_from', 'valid from', 'effective date', 'effective from', '生效日期', '生效时间', '起始日期', '生效時間'],
  },
  customers: {
    customer_id: CUSTOMER_ID,
    name: ['name', 'customer name', 'customer', 'client', 'company', 'company name', '客户名称', '客户', '名称', '公司名称', '客户全称', '客戶名稱', '客戶', '名稱', '公司名稱', '客戶全稱'],
    segment: ['segment', 'customer segment', 'customer type', 'type', '客户类型', '客户类别', '客户分类', '类型', '客戶類型', '客戶類別', '客戶分類', '類型'],
    tier: ['tier', 'customer tier', 'customer level', 'level', 'grade', '客户等级', '等级', '客户级别', '级别', '客戶等級', '等級', '客戶級別', '級別'],
    industry: ['industry', 'sector', '行业', '所属行业', '行業', '所屬行業'],
    region: REGION,
    owner_rep_id: ['owner_rep_id', 'owner rep id', 'owner id', 'account owner id', '负责人编号', '负责人工号', '客户经理编号', '业务员编号', '負責人編號', '客戶經理編號', '業務員編號'],
    created_date: ['created_date', 'created date', 'created', 'create date', 'customer since', '建档日期', '创建日期', '建档时间', '开户日期', '建檔日期', '創建日期', '開戶日期'],
  },
  products: {
    sku: SKU,
    name: ['name', 'product name', 'product', 'item name', 'description', '品名', '产品名称', '商品名称', '物料名称', '产品', '商品', '產品名稱', '商品名稱', '物料名稱', '產品'],
    category: CATEGORY,
    list_price: ['list_price', 'list price', 'listprice', 'standard price', 'price', 'unit price', '标准价', '标准单价', '定价', '售价', '价格', '单价', '零售价', '標準價', '定價', '售價', '價格', '單價', '零售價'],
  },
};

/**
 * Headers that hold names where the column wants an id (metrics.md "Names as ids"). They map only after every
 * id alias, and the mapping reports the column as mapped by name.
 */
export const NAME_ALIASES: Record<string, Aliases> = {
  orders: { rep_id: REP_NAME },
  visits: { rep_id: REP_NAME, customer_id: CUSTOMER_NAME },
  targets: { rep_id: REP_NAME },
  reps: { manager_id: ['manager', 'supervisor', 'reports to', '上级', '直属上级', '上級', '直屬上級'] },
  customers: { owner_rep_id: ['owner', 'account owner', 'account manager', '负责人', '客户经理', '业务员', '销售员', '負責人', '客戶經理', '業務員', '銷售員'] },
  products: {},
};

/** When an id column is missing but the named column is mapped, the names serve as ids (metrics.md). */
export const NAME_AS_ID: Record<string, Record<string, string>> = {
  customers: { customer_id: 'name' },
  reps: { rep_id: 'name' },
};

/** Amount headers that are tax-inclusive and pre-tax: both present → the tax-inclusive one, said in a note. */
export const TAX_INCLUSIVE = ['价税合计', '含税金额', '价税合计金额', '價稅合計', '含稅金額'];
export const PRE_TAX = ['金额', '不含税金额', '无税金额', '金額', '不含稅金額', '無稅金額'];
