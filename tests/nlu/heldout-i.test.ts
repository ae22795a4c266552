/**
 * Held-out set I (tests/nlu/fixtures/heldout-i.jsonl, written blind: a mix of registers, and
 * out-of-scope messages sharing words with ours), with a floor a little under the accuracy reached
 * after it was studied in round 28; plus the general causes of its two misses and of the
 * support-money confusion, each on phrasings of its own (none of I's): intents are asserted, not
 * sentences.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createNlu, evaluateNlu, loadNluCases, type ExplainableNlu } from '../../src/nlu/index.js';
import { wordsOf } from '../../src/nlu/entities/phrases.js';
import { Orders } from '../../src/nlu/orders.js';
import { OtherServices } from '../../src/nlu/other-service.js';

const contentDir = path.resolve('content');
const now = new Date('2026-12-01T02:00:00Z'); // Tuesday 09:00 in Hà Nội
const intentOf = (text: string) => nlu.understand(text, { now }).intent;
let nlu: ExplainableNlu;

beforeAll(() => {
  nlu = createNlu({ contentDir, timeZone: 'Asia/Ho_Chi_Minh' });
});

describe('held-out set I', () => {
  it('keeps intent and slot accuracy above their floors', () => {
    const report = evaluateNlu(nlu, loadNluCases(path.resolve('tests/nlu/fixtures/heldout-i.jsonl')), { now });
    expect(report.cases).toBe(70);
    expect(report.intentAccuracy).toBeGreaterThanOrEqual(0.98);
    expect(report.slotAccuracy).toBeGreaterThanOrEqual(0.97);
  });
});

describe('an order or a ride of another business is no booking, whatever the verbs', () => {
  it.each([
    'hủy đơn baemin giúp mình với',
    'huy don shopee vua dat giup e',
    'e mun huy don lazada hom qua',
    'ad ơi hủy giùm em cái đơn tiki',
    'hủy đơn em vừa đặt trên app giao đồ ăn',
    'bỏ đơn mới đặt giúp mình nhé',
    'cho mình đổi địa chỉ giao hàng của đơn gojek',
    'dời giờ giao đơn grabmart sang 5h chiều',
    'đơn shopeefood của e sao chưa tới',
    'check giúp em đơn sendo tới đâu rồi',
    'xem lại giúp mình các đơn đã đặt tuần này',
    'huy cuoc xe be giup e',
    'đặt giúp em một chuyến xe ra bến xe',
    'em muốn hủy chuyến xe đi Hà Nội sáng mai',
    'huy giup e don hang vua dat',
    'đặt đơn trà sữa giúp em',
    'cancel my grocery order please',
    'can you cancel the order I placed on amazon',
    'where is my food order',
    'track my order from tiki',
    'move my delivery to tomorrow afternoon',
    'reschedule the parcel delivery to Friday',
    'cancel my ride to the airport',
  ])('"%s" is out of scope', (text) => {
    expect(intentOf(text)).toBe('out_of_scope');
  });

  it.each([
    ['hủy giúp mình lịch đặt chỗ chiều mai', 'booking_cancel'],
    ['huy cai lich e vua dat', 'booking_cancel'],
    ['cancel my booking for tomorrow', 'booking_cancel'],
    ['dời chỗ em vừa đặt sang thứ 6', 'booking_move'],
    ['xem lại các lịch đã đặt tuần này', 'booking_list'],
    ['đơn đăng ký của em duyệt chưa', 'application_status'],
    ['don apply cua e toi dau roi', 'application_status'],
    ['đơn của nhóm em có kết quả chưa', 'application_status'],
    ['cho em nộp đơn vào chương trình ươm tạo', 'programme_apply'],
    ['em muốn gửi đơn tham gia IPP2', 'programme_apply'],
    ['in order to apply, what documents do I need?', 'kb_question'],
    ['hủy đơn đặt chỗ của em', 'booking_cancel'],
    ['em đặt đơn đăng ký rồi mà chưa thấy gì', 'application_status'],
    ['đơn xin tham gia của em sao rồi', 'application_status'],
  ])('"%s" stays the centre\'s (%s)', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it('tells an order ("đơn" placed, or named by a shop) from an application ("đơn" handed in, or named in our words)', () => {
    const orders = new Orders(new Set(['dang', 'ky', 'apply', 'mekong']));
    expect(orders.named(wordsOf('huy don shopee giup e'))).toBe(true);
    expect(orders.named(wordsOf('don em vua dat hom qua'))).toBe(true);
    expect(orders.named(wordsOf('dat don tra sua'))).toBe(true);
    expect(orders.named(wordsOf('cancel my food order'))).toBe(true);
    expect(orders.named(wordsOf('don dang ky cua e duyet chua'))).toBe(false);
    expect(orders.named(wordsOf('don apply cua minh'))).toBe(false);
    expect(orders.named(wordsOf('nop don online'))).toBe(false);
    expect(orders.named(wordsOf('don em dat chua'))).toBe(false); // "đạt chưa": passed yet?
    expect(orders.named(wordsOf('in order to apply'))).toBe(false);
    expect(orders.named(wordsOf('huy don dat cho cua em'))).toBe(false); // a booking form
    expect(orders.named(wordsOf('huy don dat hang hom qua'))).toBe(true); // a purchase order
    expect(orders.named(wordsOf('dat don dang ky'))).toBe(false);
  });
});

describe('studies, exams and jobs elsewhere are out of scope, though applied for in our words', () => {
  it.each([
    'hồ sơ xin học bổng du học Úc gồm những gì',
    'ad ơi nộp hồ sơ du học Hàn cần chuẩn bị gì',
    'dang ky hoc bong thac si o Duc the nao',
    'điều kiện xin học bổng tiến sĩ ở Nhật là gì',
    'hạn nộp hồ sơ tuyển sinh đại học năm nay khi nào',
    'xét tuyển đại học bằng học bạ cần giấy tờ gì',
    'em muốn đăng ký thi IELTS thì làm sao',
    'lịch thi toeic tháng sau là ngày nào',
    'cho em hỏi thủ tục xin việc ở công ty nước ngoài',
    'viết CV xin việc sao cho ấn tượng',
    'e dang tim viec lam them buoi toi, co cho nao ko',
    'how do I apply for a study abroad scholarship in Japan',
    "what documents are needed for a master's degree application in the UK",
    'tips for a job interview at a bank',
    'deadline for phd applications in Germany',
    'hồ sơ du học Mỹ cần những gì ad',
    'chương trình thạc sĩ ở Singapore học phí bao nhiêu',
    'đăng ký học thạc sĩ quản trị kinh doanh ở đâu',
    'thi tốt nghiệp năm nay có mấy môn',
    'con em muốn du học thì nên chọn nước nào',
    'có học bổng du học nào cho học sinh lớp 12 không',
    'apply ielts o dau re nhat',
  ])('"%s" is out of scope', (text) => {
    expect(intentOf(text)).toBe('out_of_scope');
  });

  it.each([
    // A programme may give a scholarship (the Mekong initiative's IT scholarships): "học bổng"
    // alone stays the centre's question.
    ['có học bổng công nghệ thông tin nào không', 'kb_question'],
    ['học bổng của sáng kiến Mekong dành cho ai', 'kb_question'],
    ['có chương trình hỗ trợ nào cho sinh viên khởi nghiệp không', 'programme_find'],
    ['sinh viên năm cuối có được tham gia IPP2 không', 'kb_question'],
    ['hồ sơ đăng ký ươm tạo gồm những gì', 'kb_question'],
    ['startup của du học sinh về nước có được hỗ trợ không', 'kb_question'],
    ['em muốn nộp hồ sơ vào chương trình ươm tạo của tỉnh', 'programme_apply'],
    ['trung tâm có tuyển dụng thực tập sinh không', 'kb_question'],
  ])('"%s" stays the centre\'s (%s)', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });
});

describe('the support money paid into a bank account is the centre\'s; personal banking is not', () => {
  it.each([
    'tiền hỗ trợ chuyển vào tài khoản ngân hàng nào',
    'tiền hỗ trợ chuyển vào tài khoản ngân hàng của trưởng nhóm hay của công ty',
    'tien ho tro chuyen vao tk ngan hang nao v ad',
    'kinh phí hỗ trợ có chuyển khoản vào tài khoản cá nhân được không',
    'khoản hỗ trợ được giải ngân mấy đợt',
    'bao lâu thì nhận được tiền tài trợ vào tài khoản',
    'tiền hỗ trợ có bị trừ thuế không',
    'nhóm chưa có công ty thì nhận tiền hỗ trợ qua tài khoản nào',
    "is the grant paid into the team leader's bank account?",
    'how is the funding disbursed, by bank transfer?',
    'mức hỗ trợ tối đa là bao nhiêu tiền',
    'phí thuê hội trường chuyển khoản qua ngân hàng nào',
    'có cần mở tài khoản ngân hàng riêng cho dự án không',
    'tiền tài trợ giải ngân qua ngân hàng mất mấy ngày',
    'khi nào thì tiền hỗ trợ về tài khoản ạ',
    'em nhận tiền hỗ trợ bằng ví điện tử được không',
    'quyết toán kinh phí hỗ trợ cần chứng từ gì',
    'giải ngân vốn tài trợ theo từng giai đoạn à',
    'tien tai tro co chuyen thang vao tk cty ko',
    'thanh toán phí thuê phòng họp bằng thẻ tín dụng được không',
    'tiền hỗ trợ của chương trình chuyển qua ví điện tử được không',
  ])('"%s" is a question for the centre', (text) => {
    expect(intentOf(text)).toBe('kb_question');
  });

  it('a complaint that the support money has not arrived is not out of scope', () => {
    expect(intentOf('tiền hỗ trợ chuyển vào tài khoản ngân hàng của tôi chưa thấy')).not.toBe('out_of_scope');
  });

  it.each([
    'lãi suất gửi tiết kiệm ngân hàng nào cao nhất',
    'cách mở tài khoản ngân hàng online',
    'chuyển tiền cho bạn qua ngân hàng thế nào',
    'quên mật khẩu internet banking phải làm sao',
    'vay tiền mua nhà ngân hàng nào tốt',
    'how do I open a bank account in Vietnam',
    'tỷ giá đô la ở ngân hàng hôm nay',
    'làm thẻ atm ở ngân hàng nào nhanh',
    'ví điện tử nào chuyển tiền miễn phí',
    'đăng ký internet banking cần mang giấy tờ gì',
    'tai khoan ngan hang cua e bi khoa phai lam sao',
    'which credit card has no annual fee',
  ])('"%s" is out of scope', (text) => {
    expect(intentOf(text)).toBe('out_of_scope');
  });
});

describe('an account, channel or app of another service, and a home to rent, are out of scope', () => {
  it.each([
    'đăng ký kênh youtube của mình đi',
    'hủy đăng ký kênh youtube này giúp e',
    'unsubscribe from this youtube channel',
    'xóa tài khoản facebook của em giúp với',
    'xoa tk instagram cua e di',
    'em muốn hủy theo dõi fanpage shopee',
    'đăng ký giúp em tài khoản tiktok shop',
    'xem giúp em thông tin tài khoản netflix',
    'delete my instagram account',
    'subscribe to my youtube channel please',
    'app momo của em bị lỗi không đăng nhập được',
    'làm khảo sát cho luận văn của em với',
    'hồ sơ vay ngân hàng của em duyệt chưa',
    'cho em đăng ký khóa học tiếng anh',
    'hồ sơ thi công chức cần những gì',
    'hủy hợp đồng thuê nhà trước hạn có mất cọc không',
  ])('"%s" is out of scope', (text) => {
    expect(intentOf(text)).toBe('out_of_scope');
  });

  it.each([
    ['xóa tài khoản của em đi', 'forget_me'],
    ['xóa tài khoản telegram của em', 'forget_me'],
    ['delete my user account and all my data', 'forget_me'],
    ['hủy đăng ký nhận thông báo của trung tâm', 'unsubscribe'],
    ['đăng ký nhận tin qua zalo', 'subscribe'],
    ['tk của em đang lưu những gì', 'profile_show'],
    ['trung tâm có app trên điện thoại không', 'kb_question'],
    ['làm khảo sát của trung tâm', 'survey_take'],
    // A question may be about the centre's own page or channel: only actions on one are theirs.
    ['kênh youtube có video hướng dẫn đăng ký không', 'kb_question'],
    ['có app mobile không ad', 'kb_question'],
  ])('"%s" stays the centre\'s (%s)', (text, intent) => {
    expect(intentOf(text)).toBe(intent);
  });

  it('reads the service\'s name after the kind in Vietnamese, before it in English; the bot\'s platforms are the centre\'s', () => {
    const services = new OtherServices(new Set(['dang', 'ky', 'thong', 'bao']));
    expect(services.named(wordsOf('huy dang ky kenh youtube nay'))).toBe(true);
    expect(services.named(wordsOf('unsubscribe from this youtube channel'))).toBe(true);
    expect(services.named(wordsOf('xoa tai khoan cua em'))).toBe(false);
    expect(services.named(wordsOf('xoa tai khoan telegram cua em'))).toBe(false);
    expect(services.named(wordsOf('delete my user account'))).toBe(false);
  });
});
