/**
 * The words commune staff type for everyday diagnoses — abbreviations (THA, ĐTĐ), lay words (tiểu đường, cao huyết
 * áp) and older wording — each with the codes it means, the likeliest first. Data, matched on search keys (no
 * diacritics, any case): a typed query that is the start of a term puts its codes first.
 */
export type Icd10Synonym = { readonly terms: readonly string[]; readonly codes: readonly string[] };

export const icd10Synonyms: readonly Icd10Synonym[] = [
  { terms: ['THA', 'cao huyết áp', 'huyết áp cao', 'tăng HA', 'cao HA'], codes: ['I10', 'I11', 'I15'] },
  {
    terms: ['ĐTĐ', 'tiểu đường', 'đái đường', 'tiểu đường typ 2', 'tiểu đường type 2', 'ĐTĐ typ 2'],
    codes: ['E11', 'E11.9', 'E14', 'E10'],
  },
  { terms: ['ĐTĐ typ 1', 'tiểu đường typ 1', 'tiểu đường type 1'], codes: ['E10', 'E10.9'] },
  {
    terms: ['khám sức khỏe', 'khám định kỳ', 'KSK', 'khám tổng quát', 'kiểm tra sức khỏe'],
    codes: ['Z00.0', 'Z00', 'Z00.1', 'Z10'],
  },
  { terms: ['khám trẻ khỏe', 'khám trẻ em'], codes: ['Z00.1'] },
  { terms: ['cảm', 'cảm lạnh', 'cảm cúm', 'sổ mũi', 'cảm thường'], codes: ['J00', 'J11'] },
  { terms: ['cúm'], codes: ['J11', 'J10', 'J09'] },
  { terms: ['VHC', 'viêm họng'], codes: ['J02', 'J02.9', 'J03'] },
  { terms: ['VPQ', 'viêm phế quản'], codes: ['J20', 'J40', 'J42'] },
  { terms: ['VP', 'viêm phổi'], codes: ['J18', 'J18.9'] },
  { terms: ['COPD', 'BPTNMT', 'phổi tắc nghẽn'], codes: ['J44', 'J44.9'] },
  { terms: ['hen', 'suyễn', 'hen suyễn', 'hen phế quản'], codes: ['J45', 'J45.9'] },
  { terms: ['ho'], codes: ['R05'] },
  { terms: ['sốt'], codes: ['R50', 'R50.9'] },
  { terms: ['đau đầu', 'nhức đầu'], codes: ['R51'] },
  { terms: ['chóng mặt', 'hoa mắt'], codes: ['R42'] },
  { terms: ['tiêu chảy', 'ỉa chảy', 'đi ngoài'], codes: ['A09', 'K59.1'] },
  { terms: ['táo bón'], codes: ['K59.0'] },
  { terms: ['đau bụng'], codes: ['R10', 'R10.4'] },
  { terms: ['đau dạ dày', 'viêm dạ dày', 'đau bao tử'], codes: ['K29', 'K29.7', 'K30'] },
  { terms: ['trào ngược', 'GERD'], codes: ['K21', 'K21.9'] },
  {
    terms: ['mỡ máu', 'rối loạn mỡ máu', 'RLLM', 'rối loạn lipid máu', 'cholesterol cao'],
    codes: ['E78', 'E78.5'],
  },
  { terms: ['gút', 'gout', 'thống phong'], codes: ['M10', 'M10.9'] },
  { terms: ['thoái hóa khớp', 'THK', 'thoái hóa khớp gối'], codes: ['M17', 'M19', 'M15'] },
  { terms: ['đau lưng', 'đau thắt lưng', 'đau cột sống'], codes: ['M54', 'M54.5'] },
  { terms: ['suy tim'], codes: ['I50', 'I50.9'] },
  { terms: ['đau thắt ngực', 'thiếu máu cơ tim', 'bệnh mạch vành'], codes: ['I20', 'I25'] },
  { terms: ['tai biến', 'TBMMN', 'tai biến mạch máu não', 'đột quỵ'], codes: ['I64', 'I63', 'I61', 'I69'] },
  { terms: ['thiếu máu'], codes: ['D64', 'D64.9', 'D50'] },
  { terms: ['béo phì'], codes: ['E66', 'E66.9'] },
  { terms: ['SDD', 'suy dinh dưỡng'], codes: ['E46', 'E44', 'E43'] },
  { terms: ['lao', 'lao phổi'], codes: ['A15', 'A16'] },
  { terms: ['VGB', 'viêm gan B'], codes: ['B18.1', 'B16'] },
  { terms: ['trầm cảm'], codes: ['F32', 'F32.9'] },
  { terms: ['lo âu'], codes: ['F41', 'F41.9'] },
  { terms: ['mất ngủ'], codes: ['G47.0', 'F51.0'] },
  { terms: ['NKTN', 'viêm đường tiết niệu', 'nhiễm trùng tiểu', 'viêm tiết niệu'], codes: ['N39.0', 'N30'] },
  { terms: ['sỏi thận'], codes: ['N20', 'N20.0'] },
  { terms: ['suy thận', 'bệnh thận mạn', 'BTM'], codes: ['N18', 'N18.9'] },
  { terms: ['cường giáp', 'bướu cổ', 'basedow'], codes: ['E05', 'E04'] },
  { terms: ['suy giáp'], codes: ['E03', 'E03.9'] },
  { terms: ['SXH', 'sốt xuất huyết', 'sốt xuất huyết Dengue'], codes: ['A97', 'A97.0', 'A90', 'A91'] },
  { terms: ['COVID', 'covid-19', 'covid 19'], codes: ['U07.1', 'U07.2'] },
  { terms: ['thủy đậu'], codes: ['B01', 'B01.9'] },
  { terms: ['sởi'], codes: ['B05', 'B05.9'] },
  { terms: ['tay chân miệng', 'TCM'], codes: ['B08.4'] },
  { terms: ['quai bị'], codes: ['B26', 'B26.9'] },
  { terms: ['đau mắt đỏ', 'viêm kết mạc'], codes: ['H10', 'H10.9'] },
  { terms: ['cận thị', 'viễn thị', 'tật khúc xạ'], codes: ['H52', 'H52.1'] },
  { terms: ['đục thủy tinh thể', 'cườm'], codes: ['H25', 'H26'] },
  { terms: ['sâu răng'], codes: ['K02', 'K02.9'] },
  { terms: ['viêm da', 'chàm', 'eczema'], codes: ['L30', 'L30.9', 'L20'] },
  { terms: ['mề đay', 'dị ứng'], codes: ['L50', 'T78.4'] },
  { terms: ['khám thai', 'thai bình thường', 'quản lý thai'], codes: ['Z34', 'Z34.9', 'Z35'] },
  { terms: ['tiền sản giật'], codes: ['O14', 'O14.9'] },
  { terms: ['tránh thai', 'KHHGĐ', 'đặt vòng'], codes: ['Z30', 'Z30.1', 'Z30.0'] },
  { terms: ['tiêm chủng', 'tiêm phòng'], codes: ['Z23', 'Z27'] },
  { terms: ['vết thương', 'chấn thương'], codes: ['T14', 'T14.1', 'T14.9'] },
];

/**
 * Spellings of a single word that name lists write otherwise: typed words are read as these before matching
 * ("typ 2" and "type 2" find "típ 2").
 */
export const icd10WordAliases: Readonly<Record<string, string>> = {
  typ: 'tip',
  type: 'tip',
  tuyp: 'tip',
};
