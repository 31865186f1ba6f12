// A contact's IANA time zone from the address on its Zoho record (Mailing_Country/State/City on
// Contacts, Country/State/City on Leads), as sales reps type it: any case, codes or names, accents
// or not. Pure data and lookup, no network.
// Tables written by hand: no maintained npm package maps free-text addresses to zones offline.

export interface AddressFields {
  country?: string | null;
  state?: string | null;
  city?: string | null;
}

export type ZoneConfidence = 'city' | 'state' | 'country';

export interface ZoneGuess {
  timeZone: string;
  /** Which field decided: a known city, a state/province, or a single-zone (or defaulted) country. */
  confidence: ZoneConfidence;
}

/** ISO 3166 alpha-2, alpha-3, the zone (null: several zones, a state or city is needed), other names. */
type CountryRow = readonly [iso2: string, iso3: string, zone: string | null, names: string];
/** A code cities refer to, the zone, and every spelling of the region (codes included). */
type RegionRow = readonly [code: string, zone: string, names: string];
/**
 * Country, region code ('' when the region doesn't matter), zone, names. A 'minor' city shares its
 * name with a better-known one: it only counts when the country (and its state, if listed) say so.
 */
type CityRow = readonly [country: string, state: string, zone: string, names: string, minor?: 'minor'];

const COUNTRIES: readonly CountryRow[] = [
  // Europe
  ['AL', 'ALB', 'Europe/Tirane', 'Albania|Shqipëria'],
  ['AD', 'AND', 'Europe/Andorra', 'Andorra'],
  ['AT', 'AUT', 'Europe/Vienna', 'Austria|Österreich|Autriche'],
  ['AX', 'ALA', 'Europe/Mariehamn', 'Åland Islands|Aland'],
  ['BY', 'BLR', 'Europe/Minsk', 'Belarus|Byelorussia'],
  ['BE', 'BEL', 'Europe/Brussels', 'Belgium|België|Belgique|Belgien|Bélgica'],
  ['BA', 'BIH', 'Europe/Sarajevo', 'Bosnia and Herzegovina|Bosnia|BiH'],
  ['BG', 'BGR', 'Europe/Sofia', 'Bulgaria|България'],
  ['HR', 'HRV', 'Europe/Zagreb', 'Croatia|Hrvatska'],
  ['CY', 'CYP', 'Asia/Nicosia', 'Cyprus|Κύπρος'],
  ['CZ', 'CZE', 'Europe/Prague', 'Czech Republic|Czechia|Česko|Česká republika|Tschechien'],
  ['DK', 'DNK', 'Europe/Copenhagen', 'Denmark|Danmark|Dänemark'],
  ['EE', 'EST', 'Europe/Tallinn', 'Estonia|Eesti'],
  ['FO', 'FRO', 'Atlantic/Faroe', 'Faroe Islands|Faroes|Føroyar'],
  ['FI', 'FIN', 'Europe/Helsinki', 'Finland|Suomi|Finnland'],
  ['FR', 'FRA', 'Europe/Paris', 'France|Frankreich|Francia|République française'],
  ['DE', 'DEU', 'Europe/Berlin', 'Germany|Deutschland|Allemagne|Alemania|Germania|Federal Republic of Germany|BRD'],
  ['GI', 'GIB', 'Europe/Gibraltar', 'Gibraltar'],
  ['GR', 'GRC', 'Europe/Athens', 'Greece|Hellas|Ελλάδα|Griechenland'],
  ['GG', 'GGY', 'Europe/Guernsey', 'Guernsey'],
  ['HU', 'HUN', 'Europe/Budapest', 'Hungary|Magyarország|Ungarn'],
  ['IS', 'ISL', 'Atlantic/Reykjavik', 'Iceland|Ísland'],
  ['IE', 'IRL', 'Europe/Dublin', 'Ireland|Republic of Ireland|Éire|Irland'],
  ['IM', 'IMN', 'Europe/Isle_of_Man', 'Isle of Man'],
  ['IT', 'ITA', 'Europe/Rome', 'Italy|Italia|Italien|Italie'],
  ['JE', 'JEY', 'Europe/Jersey', 'Jersey'],
  ['XK', 'XKX', 'Europe/Belgrade', 'Kosovo'],
  ['LV', 'LVA', 'Europe/Riga', 'Latvia|Latvija'],
  ['LI', 'LIE', 'Europe/Vaduz', 'Liechtenstein'],
  ['LT', 'LTU', 'Europe/Vilnius', 'Lithuania|Lietuva'],
  ['LU', 'LUX', 'Europe/Luxembourg', 'Luxembourg|Luxemburg'],
  ['MT', 'MLT', 'Europe/Malta', 'Malta'],
  ['MD', 'MDA', 'Europe/Chisinau', 'Moldova|Republic of Moldova|Moldova, Republic of'],
  ['MC', 'MCO', 'Europe/Monaco', 'Monaco'],
  ['ME', 'MNE', 'Europe/Podgorica', 'Montenegro|Crna Gora'],
  ['NL', 'NLD', 'Europe/Amsterdam', 'Netherlands|Holland|Nederland|Niederlande|Pays-Bas|Países Bajos'],
  ['MK', 'MKD', 'Europe/Skopje', 'North Macedonia|Macedonia|Republic of North Macedonia'],
  ['NO', 'NOR', 'Europe/Oslo', 'Norway|Norge|Norwegen'],
  ['PL', 'POL', 'Europe/Warsaw', 'Poland|Polska|Polen|Pologne'],
  ['PT', 'PRT', 'Europe/Lisbon', 'Portugal'],
  ['RO', 'ROU', 'Europe/Bucharest', 'Romania|România|Rumänien'],
  ['RU', 'RUS', null, 'Russia|Russian Federation|Россия|Rossiya|Russland|Russie|Rusia'],
  ['SM', 'SMR', 'Europe/San_Marino', 'San Marino'],
  ['RS', 'SRB', 'Europe/Belgrade', 'Serbia|Srbija|Србија'],
  ['SK', 'SVK', 'Europe/Bratislava', 'Slovakia|Slovensko|Slovak Republic'],
  ['SI', 'SVN', 'Europe/Ljubljana', 'Slovenia|Slovenija'],
  ['ES', 'ESP', 'Europe/Madrid', 'Spain|España|Espagne|Spanien|Spagna|Kingdom of Spain'],
  ['SE', 'SWE', 'Europe/Stockholm', 'Sweden|Sverige|Schweden|Suède'],
  ['CH', 'CHE', 'Europe/Zurich', 'Switzerland|Schweiz|Suisse|Svizzera|Suiza|Swiss Confederation'],
  ['TR', 'TUR', 'Europe/Istanbul', 'Turkey|Türkiye|Türkei|Turquie|Turquía'],
  ['UA', 'UKR', 'Europe/Kyiv', 'Ukraine|Україна|Ucrania'],
  [
    'GB',
    'GBR',
    'Europe/London',
    'United Kingdom|UK|U.K.|Great Britain|Britain|England|Scotland|Wales|Northern Ireland|' +
      'United Kingdom of Great Britain and Northern Ireland|Großbritannien|Vereinigtes Königreich|Royaume-Uni|Reino Unido',
  ],
  ['VA', 'VAT', 'Europe/Vatican', 'Vatican City|Vatican|Holy See'],
  // Middle East and the Caucasus
  ['AE', 'ARE', 'Asia/Dubai', 'United Arab Emirates|UAE|U.A.E.|Emirates|الإمارات'],
  ['AM', 'ARM', 'Asia/Yerevan', 'Armenia|Հայաստան'],
  ['AZ', 'AZE', 'Asia/Baku', 'Azerbaijan|Azərbaycan'],
  ['BH', 'BHR', 'Asia/Bahrain', 'Bahrain|Kingdom of Bahrain'],
  ['GE', 'GEO', 'Asia/Tbilisi', 'Georgia|Sakartvelo'],
  ['IR', 'IRN', 'Asia/Tehran', 'Iran|Islamic Republic of Iran|Iran, Islamic Republic of'],
  ['IQ', 'IRQ', 'Asia/Baghdad', 'Iraq'],
  ['IL', 'ISR', 'Asia/Jerusalem', 'Israel'],
  ['JO', 'JOR', 'Asia/Amman', 'Jordan|Hashemite Kingdom of Jordan'],
  ['KW', 'KWT', 'Asia/Kuwait', 'Kuwait|State of Kuwait'],
  ['LB', 'LBN', 'Asia/Beirut', 'Lebanon|Liban'],
  ['OM', 'OMN', 'Asia/Muscat', 'Oman|Sultanate of Oman'],
  ['PS', 'PSE', 'Asia/Hebron', 'Palestine|State of Palestine|Palestinian Territories|West Bank'],
  ['QA', 'QAT', 'Asia/Qatar', 'Qatar|State of Qatar'],
  ['SA', 'SAU', 'Asia/Riyadh', 'Saudi Arabia|KSA|Kingdom of Saudi Arabia|Saudi'],
  ['SY', 'SYR', 'Asia/Damascus', 'Syria|Syrian Arab Republic'],
  ['YE', 'YEM', 'Asia/Aden', 'Yemen'],
  // Asia
  ['AF', 'AFG', 'Asia/Kabul', 'Afghanistan'],
  ['BD', 'BGD', 'Asia/Dhaka', 'Bangladesh'],
  ['BT', 'BTN', 'Asia/Thimphu', 'Bhutan'],
  ['BN', 'BRN', 'Asia/Brunei', 'Brunei|Brunei Darussalam'],
  ['KH', 'KHM', 'Asia/Phnom_Penh', 'Cambodia|Kampuchea'],
  ['CN', 'CHN', 'Asia/Shanghai', "China|People's Republic of China|PRC|Mainland China|中国|中华人民共和国"],
  ['HK', 'HKG', 'Asia/Hong_Kong', 'Hong Kong|Hong Kong SAR|Hongkong|香港'],
  ['IN', 'IND', 'Asia/Kolkata', 'India|Bharat|भारत|Indien|Inde'],
  ['ID', 'IDN', null, 'Indonesia|Indonesien'],
  ['JP', 'JPN', 'Asia/Tokyo', 'Japan|日本|Nippon|Japon|Japón'],
  ['KZ', 'KAZ', 'Asia/Almaty', 'Kazakhstan|Qazaqstan|Казахстан'],
  ['KG', 'KGZ', 'Asia/Bishkek', 'Kyrgyzstan|Kyrgyz Republic|Kirghizia'],
  ['LA', 'LAO', 'Asia/Vientiane', "Laos|Lao PDR|Lao People's Democratic Republic"],
  ['MO', 'MAC', 'Asia/Macau', 'Macau|Macao|澳門'],
  ['MY', 'MYS', 'Asia/Kuala_Lumpur', 'Malaysia'],
  ['MV', 'MDV', 'Indian/Maldives', 'Maldives'],
  ['MN', 'MNG', 'Asia/Ulaanbaatar', 'Mongolia'],
  ['MM', 'MMR', 'Asia/Yangon', 'Myanmar|Burma'],
  ['NP', 'NPL', 'Asia/Kathmandu', 'Nepal'],
  ['KP', 'PRK', 'Asia/Pyongyang', "North Korea|DPRK|Democratic People's Republic of Korea|Korea, Democratic People's Republic of"],
  ['PK', 'PAK', 'Asia/Karachi', 'Pakistan'],
  ['PH', 'PHL', 'Asia/Manila', 'Philippines|Pilipinas|Filipinas'],
  ['SG', 'SGP', 'Asia/Singapore', 'Singapore|Singapur|Republic of Singapore'],
  ['KR', 'KOR', 'Asia/Seoul', 'South Korea|Korea|Republic of Korea|Korea, Republic of|Korea (South)|대한민국|한국|Südkorea'],
  ['LK', 'LKA', 'Asia/Colombo', 'Sri Lanka'],
  ['TW', 'TWN', 'Asia/Taipei', 'Taiwan|Taiwan, Province of China|台灣|台湾'],
  ['TJ', 'TJK', 'Asia/Dushanbe', 'Tajikistan'],
  ['TH', 'THA', 'Asia/Bangkok', 'Thailand|ประเทศไทย'],
  ['TL', 'TLS', 'Asia/Dili', 'Timor-Leste|East Timor'],
  ['TM', 'TKM', 'Asia/Ashgabat', 'Turkmenistan'],
  ['UZ', 'UZB', 'Asia/Tashkent', 'Uzbekistan|Oʻzbekiston'],
  ['VN', 'VNM', 'Asia/Ho_Chi_Minh', 'Vietnam|Viet Nam|Việt Nam'],
  // Oceania
  ['AU', 'AUS', null, 'Australia|Commonwealth of Australia|Australien|Australie'],
  ['FJ', 'FJI', 'Pacific/Fiji', 'Fiji'],
  ['PF', 'PYF', 'Pacific/Tahiti', 'French Polynesia|Polynésie française|Tahiti'],
  ['GU', 'GUM', 'Pacific/Guam', 'Guam'],
  ['NC', 'NCL', 'Pacific/Noumea', 'New Caledonia|Nouvelle-Calédonie'],
  ['NZ', 'NZL', 'Pacific/Auckland', 'New Zealand|Aotearoa|Neuseeland'],
  ['PG', 'PNG', 'Pacific/Port_Moresby', 'Papua New Guinea'],
  ['WS', 'WSM', 'Pacific/Apia', 'Samoa'],
  ['SB', 'SLB', 'Pacific/Guadalcanal', 'Solomon Islands'],
  ['TO', 'TON', 'Pacific/Tongatapu', 'Tonga'],
  ['VU', 'VUT', 'Pacific/Efate', 'Vanuatu'],
  // Africa
  ['DZ', 'DZA', 'Africa/Algiers', 'Algeria|Algérie'],
  ['AO', 'AGO', 'Africa/Luanda', 'Angola'],
  ['BJ', 'BEN', 'Africa/Porto-Novo', 'Benin|Bénin'],
  ['BW', 'BWA', 'Africa/Gaborone', 'Botswana'],
  ['BF', 'BFA', 'Africa/Ouagadougou', 'Burkina Faso'],
  ['BI', 'BDI', 'Africa/Bujumbura', 'Burundi'],
  ['CV', 'CPV', 'Atlantic/Cape_Verde', 'Cape Verde|Cabo Verde'],
  ['CM', 'CMR', 'Africa/Douala', 'Cameroon|Cameroun'],
  ['CF', 'CAF', 'Africa/Bangui', 'Central African Republic'],
  ['TD', 'TCD', 'Africa/Ndjamena', 'Chad|Tchad'],
  ['CG', 'COG', 'Africa/Brazzaville', 'Republic of the Congo|Congo-Brazzaville|Congo (Brazzaville)|Congo, Republic of the'],
  [
    'CD',
    'COD',
    'Africa/Kinshasa',
    'Democratic Republic of the Congo|DR Congo|DRC|Congo-Kinshasa|Congo (Kinshasa)|' +
      'Congo, Democratic Republic of the|Congo, The Democratic Republic of the|RDC',
  ],
  ['CI', 'CIV', 'Africa/Abidjan', "Côte d'Ivoire|Ivory Coast"],
  ['DJ', 'DJI', 'Africa/Djibouti', 'Djibouti'],
  ['EG', 'EGY', 'Africa/Cairo', 'Egypt|مصر|Ägypten|Egipto'],
  ['GQ', 'GNQ', 'Africa/Malabo', 'Equatorial Guinea'],
  ['ER', 'ERI', 'Africa/Asmara', 'Eritrea'],
  ['SZ', 'SWZ', 'Africa/Mbabane', 'Eswatini|Swaziland'],
  ['ET', 'ETH', 'Africa/Addis_Ababa', 'Ethiopia'],
  ['GA', 'GAB', 'Africa/Libreville', 'Gabon'],
  ['GM', 'GMB', 'Africa/Banjul', 'Gambia'],
  ['GH', 'GHA', 'Africa/Accra', 'Ghana'],
  ['GN', 'GIN', 'Africa/Conakry', 'Guinea|Guinée'],
  ['KE', 'KEN', 'Africa/Nairobi', 'Kenya'],
  ['LS', 'LSO', 'Africa/Maseru', 'Lesotho'],
  ['LR', 'LBR', 'Africa/Monrovia', 'Liberia'],
  ['LY', 'LBY', 'Africa/Tripoli', 'Libya'],
  ['MG', 'MDG', 'Indian/Antananarivo', 'Madagascar'],
  ['MW', 'MWI', 'Africa/Blantyre', 'Malawi'],
  ['ML', 'MLI', 'Africa/Bamako', 'Mali'],
  ['MR', 'MRT', 'Africa/Nouakchott', 'Mauritania|Mauritanie'],
  ['MU', 'MUS', 'Indian/Mauritius', 'Mauritius|Maurice'],
  ['MA', 'MAR', 'Africa/Casablanca', 'Morocco|Maroc|Marruecos|Marokko'],
  ['MZ', 'MOZ', 'Africa/Maputo', 'Mozambique|Moçambique'],
  ['NA', 'NAM', 'Africa/Windhoek', 'Namibia'],
  ['NE', 'NER', 'Africa/Niamey', 'Niger'],
  ['NG', 'NGA', 'Africa/Lagos', 'Nigeria'],
  ['RE', 'REU', 'Indian/Reunion', 'Réunion|Reunion'],
  ['RW', 'RWA', 'Africa/Kigali', 'Rwanda'],
  ['SN', 'SEN', 'Africa/Dakar', 'Senegal|Sénégal'],
  ['SC', 'SYC', 'Indian/Mahe', 'Seychelles'],
  ['SL', 'SLE', 'Africa/Freetown', 'Sierra Leone'],
  ['SO', 'SOM', 'Africa/Mogadishu', 'Somalia'],
  ['ZA', 'ZAF', 'Africa/Johannesburg', 'South Africa|RSA|Suid-Afrika|Südafrika|Republic of South Africa'],
  ['SS', 'SSD', 'Africa/Juba', 'South Sudan'],
  ['SD', 'SDN', 'Africa/Khartoum', 'Sudan'],
  ['TZ', 'TZA', 'Africa/Dar_es_Salaam', 'Tanzania|United Republic of Tanzania|Tanzania, United Republic of'],
  ['TG', 'TGO', 'Africa/Lome', 'Togo'],
  ['TN', 'TUN', 'Africa/Tunis', 'Tunisia|Tunisie'],
  ['UG', 'UGA', 'Africa/Kampala', 'Uganda'],
  ['ZM', 'ZMB', 'Africa/Lusaka', 'Zambia'],
  ['ZW', 'ZWE', 'Africa/Harare', 'Zimbabwe'],
  // The Americas
  ['AG', 'ATG', 'America/Antigua', 'Antigua and Barbuda|Antigua'],
  ['AR', 'ARG', 'America/Argentina/Buenos_Aires', 'Argentina|República Argentina|Argentinien'],
  ['AW', 'ABW', 'America/Aruba', 'Aruba'],
  ['BS', 'BHS', 'America/Nassau', 'Bahamas'],
  ['BB', 'BRB', 'America/Barbados', 'Barbados'],
  ['BZ', 'BLZ', 'America/Belize', 'Belize'],
  ['BM', 'BMU', 'Atlantic/Bermuda', 'Bermuda'],
  ['BO', 'BOL', 'America/La_Paz', 'Bolivia|Plurinational State of Bolivia'],
  ['BR', 'BRA', null, 'Brazil|Brasil|Brasilien|Brésil'],
  ['VG', 'VGB', 'America/Tortola', 'British Virgin Islands|Virgin Islands, British'],
  ['CA', 'CAN', null, 'Canada|Kanada|Canadá'],
  ['KY', 'CYM', 'America/Cayman', 'Cayman Islands|Caymans'],
  ['CL', 'CHL', 'America/Santiago', 'Chile'],
  ['CO', 'COL', 'America/Bogota', 'Colombia|Kolumbien'],
  ['CR', 'CRI', 'America/Costa_Rica', 'Costa Rica'],
  ['CU', 'CUB', 'America/Havana', 'Cuba'],
  ['CW', 'CUW', 'America/Curacao', 'Curaçao|Curacao'],
  ['DM', 'DMA', 'America/Dominica', 'Dominica'],
  ['DO', 'DOM', 'America/Santo_Domingo', 'Dominican Republic|República Dominicana'],
  ['EC', 'ECU', 'America/Guayaquil', 'Ecuador'],
  ['SV', 'SLV', 'America/El_Salvador', 'El Salvador'],
  ['GF', 'GUF', 'America/Cayenne', 'French Guiana|Guyane'],
  ['GL', 'GRL', 'America/Nuuk', 'Greenland|Kalaallit Nunaat|Grønland'],
  ['GD', 'GRD', 'America/Grenada', 'Grenada'],
  ['GP', 'GLP', 'America/Guadeloupe', 'Guadeloupe'],
  ['GT', 'GTM', 'America/Guatemala', 'Guatemala'],
  ['GY', 'GUY', 'America/Guyana', 'Guyana'],
  ['HT', 'HTI', 'America/Port-au-Prince', 'Haiti|Haïti'],
  ['HN', 'HND', 'America/Tegucigalpa', 'Honduras'],
  ['JM', 'JAM', 'America/Jamaica', 'Jamaica'],
  ['MQ', 'MTQ', 'America/Martinique', 'Martinique'],
  ['MX', 'MEX', null, 'Mexico|México|Estados Unidos Mexicanos|United Mexican States|Mexiko|Mexique'],
  ['NI', 'NIC', 'America/Managua', 'Nicaragua'],
  ['PA', 'PAN', 'America/Panama', 'Panama|Panamá'],
  ['PY', 'PRY', 'America/Asuncion', 'Paraguay'],
  ['PE', 'PER', 'America/Lima', 'Peru|Perú'],
  ['PR', 'PRI', 'America/Puerto_Rico', 'Puerto Rico'],
  ['KN', 'KNA', 'America/St_Kitts', 'Saint Kitts and Nevis|St Kitts and Nevis|St Kitts'],
  ['LC', 'LCA', 'America/St_Lucia', 'Saint Lucia|St Lucia'],
  ['VC', 'VCT', 'America/St_Vincent', 'Saint Vincent and the Grenadines|St Vincent'],
  ['SR', 'SUR', 'America/Paramaribo', 'Suriname|Surinam'],
  ['TT', 'TTO', 'America/Port_of_Spain', 'Trinidad and Tobago|Trinidad'],
  [
    'US',
    'USA',
    null,
    'United States|United States of America|U.S.|U.S.A.|America|Estados Unidos|EEUU|EE.UU.|' +
      'Vereinigte Staaten|États-Unis|Etats-Unis|Stati Uniti',
  ],
  ['VI', 'VIR', 'America/St_Thomas', 'US Virgin Islands|U.S. Virgin Islands|Virgin Islands, U.S.'],
  ['UY', 'URY', 'America/Montevideo', 'Uruguay'],
  ['VE', 'VEN', 'America/Caracas', 'Venezuela|Bolivarian Republic of Venezuela'],
];

/** States, provinces and the regions that differ from their country's zone, by ISO alpha-2. */
const REGIONS: Readonly<Record<string, readonly RegionRow[]>> = {
  US: [
    ['AL', 'America/Chicago', 'AL|Alabama|Ala'],
    ['AK', 'America/Anchorage', 'AK|Alaska'],
    ['AZ', 'America/Phoenix', 'AZ|Arizona|Ariz'],
    ['AR', 'America/Chicago', 'AR|Arkansas|Ark'],
    ['CA', 'America/Los_Angeles', 'CA|California|Calif|Cal'],
    ['CO', 'America/Denver', 'CO|Colorado|Colo'],
    ['CT', 'America/New_York', 'CT|Connecticut|Conn'],
    ['DE', 'America/New_York', 'DE|Delaware|Del'],
    ['DC', 'America/New_York', 'DC|District of Columbia|Washington DC|Washington, D.C.'],
    ['FL', 'America/New_York', 'FL|Florida|Fla'],
    ['GA', 'America/New_York', 'GA|Georgia'],
    ['HI', 'Pacific/Honolulu', "HI|Hawaii|Hawai'i"],
    ['ID', 'America/Boise', 'ID|Idaho'],
    ['IL', 'America/Chicago', 'IL|Illinois|Ill'],
    ['IN', 'America/Indiana/Indianapolis', 'IN|Indiana|Ind'],
    ['IA', 'America/Chicago', 'IA|Iowa'],
    ['KS', 'America/Chicago', 'KS|Kansas|Kan|Kans'],
    ['KY', 'America/New_York', 'KY|Kentucky'],
    ['LA', 'America/Chicago', 'LA|Louisiana'],
    ['ME', 'America/New_York', 'ME|Maine'],
    ['MD', 'America/New_York', 'MD|Maryland'],
    ['MA', 'America/New_York', 'MA|Massachusetts|Mass'],
    ['MI', 'America/Detroit', 'MI|Michigan|Mich'],
    ['MN', 'America/Chicago', 'MN|Minnesota|Minn'],
    ['MS', 'America/Chicago', 'MS|Mississippi|Miss'],
    ['MO', 'America/Chicago', 'MO|Missouri'],
    ['MT', 'America/Denver', 'MT|Montana|Mont'],
    ['NE', 'America/Chicago', 'NE|Nebraska|Neb|Nebr'],
    ['NV', 'America/Los_Angeles', 'NV|Nevada|Nev'],
    ['NH', 'America/New_York', 'NH|New Hampshire'],
    ['NJ', 'America/New_York', 'NJ|New Jersey'],
    ['NM', 'America/Denver', 'NM|New Mexico'],
    ['NY', 'America/New_York', 'NY|New York|New York State'],
    ['NC', 'America/New_York', 'NC|North Carolina'],
    ['ND', 'America/Chicago', 'ND|North Dakota'],
    ['OH', 'America/New_York', 'OH|Ohio'],
    ['OK', 'America/Chicago', 'OK|Oklahoma|Okla'],
    ['OR', 'America/Los_Angeles', 'OR|Oregon|Ore'],
    ['PA', 'America/New_York', 'PA|Pennsylvania|Penn|Penna'],
    ['RI', 'America/New_York', 'RI|Rhode Island'],
    ['SC', 'America/New_York', 'SC|South Carolina'],
    ['SD', 'America/Chicago', 'SD|South Dakota'],
    ['TN', 'America/Chicago', 'TN|Tennessee|Tenn'],
    ['TX', 'America/Chicago', 'TX|Texas|Tex'],
    ['UT', 'America/Denver', 'UT|Utah'],
    ['VT', 'America/New_York', 'VT|Vermont'],
    ['VA', 'America/New_York', 'VA|Virginia'],
    ['WA', 'America/Los_Angeles', 'WA|Washington|Wash|Washington State'],
    ['WV', 'America/New_York', 'WV|West Virginia|W Va'],
    ['WI', 'America/Chicago', 'WI|Wisconsin|Wis|Wisc'],
    ['WY', 'America/Denver', 'WY|Wyoming|Wyo'],
    ['PR', 'America/Puerto_Rico', 'PR|Puerto Rico'],
    ['GU', 'Pacific/Guam', 'GU|Guam'],
    ['VI', 'America/St_Thomas', 'VI|US Virgin Islands|U.S. Virgin Islands'],
    ['AS', 'Pacific/Pago_Pago', 'AS|American Samoa'],
    ['MP', 'Pacific/Saipan', 'MP|Northern Mariana Islands'],
  ],
  CA: [
    ['AB', 'America/Edmonton', 'AB|Alberta|Alta'],
    ['BC', 'America/Vancouver', 'BC|British Columbia|Colombie-Britannique'],
    ['MB', 'America/Winnipeg', 'MB|Manitoba|Man'],
    ['NB', 'America/Moncton', 'NB|New Brunswick|Nouveau-Brunswick'],
    ['NL', 'America/St_Johns', 'NL|Newfoundland and Labrador|Newfoundland|NF|Nfld|Terre-Neuve-et-Labrador'],
    ['NS', 'America/Halifax', 'NS|Nova Scotia|Nouvelle-Écosse'],
    ['NT', 'America/Edmonton', 'NT|Northwest Territories|NWT|Territoires du Nord-Ouest'],
    ['NU', 'America/Iqaluit', 'NU|Nunavut'],
    ['ON', 'America/Toronto', 'ON|Ontario|Ont'],
    ['PE', 'America/Halifax', 'PE|Prince Edward Island|PEI|Île-du-Prince-Édouard'],
    ['QC', 'America/Toronto', 'QC|Quebec|Québec|PQ|Que'],
    ['SK', 'America/Regina', 'SK|Saskatchewan|Sask'],
    ['YT', 'America/Whitehorse', 'YT|Yukon|Yukon Territory|YK'],
  ],
  AU: [
    ['NSW', 'Australia/Sydney', 'NSW|New South Wales'],
    ['VIC', 'Australia/Melbourne', 'VIC|Victoria'],
    ['QLD', 'Australia/Brisbane', 'QLD|Queensland'],
    ['WA', 'Australia/Perth', 'WA|Western Australia'],
    ['SA', 'Australia/Adelaide', 'SA|South Australia'],
    ['NT', 'Australia/Darwin', 'NT|Northern Territory'],
    ['TAS', 'Australia/Hobart', 'TAS|Tasmania'],
    ['ACT', 'Australia/Sydney', 'ACT|Australian Capital Territory'],
    ['JBT', 'Australia/Sydney', 'JBT|Jervis Bay Territory|Jervis Bay'],
    ['LHI', 'Australia/Lord_Howe', 'Lord Howe Island|Lord Howe'],
  ],
  BR: [
    ['AC', 'America/Rio_Branco', 'AC|Acre'],
    ['AL', 'America/Maceio', 'AL|Alagoas'],
    ['AP', 'America/Belem', 'AP|Amapá'],
    ['AM', 'America/Manaus', 'AM|Amazonas'],
    ['BA', 'America/Bahia', 'BA|Bahia'],
    ['CE', 'America/Fortaleza', 'CE|Ceará'],
    ['DF', 'America/Sao_Paulo', 'DF|Distrito Federal|Federal District|Brasília'],
    ['ES', 'America/Sao_Paulo', 'ES|Espírito Santo'],
    ['GO', 'America/Sao_Paulo', 'GO|Goiás'],
    ['MA', 'America/Fortaleza', 'MA|Maranhão'],
    ['MT', 'America/Cuiaba', 'MT|Mato Grosso'],
    ['MS', 'America/Campo_Grande', 'MS|Mato Grosso do Sul'],
    ['MG', 'America/Sao_Paulo', 'MG|Minas Gerais|Minas'],
    ['PA', 'America/Belem', 'PA|Pará'],
    ['PB', 'America/Fortaleza', 'PB|Paraíba'],
    ['PR', 'America/Sao_Paulo', 'PR|Paraná'],
    ['PE', 'America/Recife', 'PE|Pernambuco'],
    ['PI', 'America/Fortaleza', 'PI|Piauí'],
    ['RJ', 'America/Sao_Paulo', 'RJ|Rio de Janeiro|Rio'],
    ['RN', 'America/Fortaleza', 'RN|Rio Grande do Norte'],
    ['RS', 'America/Sao_Paulo', 'RS|Rio Grande do Sul'],
    ['RO', 'America/Porto_Velho', 'RO|Rondônia'],
    ['RR', 'America/Boa_Vista', 'RR|Roraima'],
    ['SC', 'America/Sao_Paulo', 'SC|Santa Catarina'],
    ['SP', 'America/Sao_Paulo', 'SP|São Paulo'],
    ['SE', 'America/Maceio', 'SE|Sergipe'],
    ['TO', 'America/Araguaina', 'TO|Tocantins'],
  ],
  MX: [
    ['AGU', 'America/Mexico_City', 'AGU|Aguascalientes|Ags'],
    ['BCN', 'America/Tijuana', 'BCN|Baja California|BC'],
    ['BCS', 'America/Mazatlan', 'BCS|Baja California Sur'],
    ['CAM', 'America/Merida', 'CAM|Campeche'],
    ['CHP', 'America/Mexico_City', 'CHP|Chiapas'],
    ['CHH', 'America/Chihuahua', 'CHH|Chihuahua'],
    ['COA', 'America/Monterrey', 'COA|Coahuila|Coahuila de Zaragoza'],
    ['COL', 'America/Mexico_City', 'COL|Colima'],
    ['CMX', 'America/Mexico_City', 'CMX|Ciudad de México|Mexico City|CDMX|Distrito Federal|DF'],
    ['DUR', 'America/Monterrey', 'DUR|Durango'],
    ['GUA', 'America/Mexico_City', 'GUA|Guanajuato|Gto'],
    ['GRO', 'America/Mexico_City', 'GRO|Guerrero'],
    ['HID', 'America/Mexico_City', 'HID|Hidalgo'],
    ['JAL', 'America/Mexico_City', 'JAL|Jalisco'],
    ['MEX', 'America/Mexico_City', 'MEX|México|Estado de México|State of Mexico|Edomex'],
    ['MIC', 'America/Mexico_City', 'MIC|Michoacán|Michoacán de Ocampo'],
    ['MOR', 'America/Mexico_City', 'MOR|Morelos'],
    ['NAY', 'America/Mazatlan', 'NAY|Nayarit'],
    ['NLE', 'America/Monterrey', 'NLE|Nuevo León|NL'],
    ['OAX', 'America/Mexico_City', 'OAX|Oaxaca'],
    ['PUE', 'America/Mexico_City', 'PUE|Puebla'],
    ['QUE', 'America/Mexico_City', 'QUE|Querétaro|Querétaro de Arteaga|Qro'],
    ['ROO', 'America/Cancun', 'ROO|Quintana Roo|Q. Roo|QRoo'],
    ['SLP', 'America/Mexico_City', 'SLP|San Luis Potosí'],
    ['SIN', 'America/Mazatlan', 'SIN|Sinaloa'],
    ['SON', 'America/Hermosillo', 'SON|Sonora'],
    ['TAB', 'America/Mexico_City', 'TAB|Tabasco'],
    ['TAM', 'America/Monterrey', 'TAM|Tamaulipas|Tamps'],
    ['TLA', 'America/Mexico_City', 'TLA|Tlaxcala'],
    ['VER', 'America/Mexico_City', 'VER|Veracruz|Veracruz de Ignacio de la Llave'],
    ['YUC', 'America/Merida', 'YUC|Yucatán'],
    ['ZAC', 'America/Mexico_City', 'ZAC|Zacatecas'],
  ],
  RU: [
    ['MOW', 'Europe/Moscow', 'Moscow|Moskva|Moscow Oblast|Moskovskaya Oblast|Москва|Московская область'],
    ['SPE', 'Europe/Moscow', 'Saint Petersburg|Sankt-Peterburg|Leningrad Oblast|Санкт-Петербург'],
    ['KGD', 'Europe/Kaliningrad', 'Kaliningrad|Kaliningrad Oblast'],
    ['TA', 'Europe/Moscow', 'Tatarstan|Republic of Tatarstan'],
    ['KDA', 'Europe/Moscow', 'Krasnodar Krai|Kuban'],
    ['ROS', 'Europe/Moscow', 'Rostov Oblast'],
    ['NIZ', 'Europe/Moscow', 'Nizhny Novgorod Oblast'],
    ['VGG', 'Europe/Volgograd', 'Volgograd Oblast'],
    ['SAM', 'Europe/Samara', 'Samara Oblast'],
    ['UD', 'Europe/Samara', 'Udmurtia|Udmurt Republic'],
    ['SVE', 'Asia/Yekaterinburg', 'Sverdlovsk Oblast|Sverdlovsk'],
    ['CHE', 'Asia/Yekaterinburg', 'Chelyabinsk Oblast'],
    ['BA', 'Asia/Yekaterinburg', 'Bashkortostan|Bashkiria'],
    ['PER', 'Asia/Yekaterinburg', 'Perm Krai'],
    ['TYU', 'Asia/Yekaterinburg', 'Tyumen Oblast'],
    ['OMS', 'Asia/Omsk', 'Omsk Oblast'],
    ['NVS', 'Asia/Novosibirsk', 'Novosibirsk Oblast'],
    ['TOM', 'Asia/Tomsk', 'Tomsk Oblast'],
    ['KEM', 'Asia/Novokuznetsk', 'Kemerovo Oblast|Kuzbass'],
    ['ALT', 'Asia/Barnaul', 'Altai Krai'],
    ['KYA', 'Asia/Krasnoyarsk', 'Krasnoyarsk Krai'],
    ['IRK', 'Asia/Irkutsk', 'Irkutsk Oblast'],
    ['SA', 'Asia/Yakutsk', 'Sakha|Yakutia|Sakha Republic'],
    ['PRI', 'Asia/Vladivostok', 'Primorsky Krai|Primorye'],
    ['KHA', 'Asia/Vladivostok', 'Khabarovsk Krai'],
    ['SAK', 'Asia/Sakhalin', 'Sakhalin Oblast'],
    ['KAM', 'Asia/Kamchatka', 'Kamchatka Krai'],
    ['MAG', 'Asia/Magadan', 'Magadan Oblast'],
  ],
  ID: [
    ['JK', 'Asia/Jakarta', 'Jakarta|DKI Jakarta|Special Capital Region of Jakarta'],
    ['JB', 'Asia/Jakarta', 'West Java|Jawa Barat'],
    ['JT', 'Asia/Jakarta', 'Central Java|Jawa Tengah'],
    ['JI', 'Asia/Jakarta', 'East Java|Jawa Timur'],
    ['BT', 'Asia/Jakarta', 'Banten'],
    ['YO', 'Asia/Jakarta', 'Yogyakarta|Special Region of Yogyakarta|DI Yogyakarta|DIY'],
    ['AC', 'Asia/Jakarta', 'Aceh'],
    ['SU', 'Asia/Jakarta', 'North Sumatra|Sumatera Utara'],
    ['SB', 'Asia/Jakarta', 'West Sumatra|Sumatera Barat'],
    ['RI', 'Asia/Jakarta', 'Riau'],
    ['KR', 'Asia/Jakarta', 'Riau Islands|Kepulauan Riau'],
    ['JA', 'Asia/Jakarta', 'Jambi'],
    ['SS', 'Asia/Jakarta', 'South Sumatra|Sumatera Selatan'],
    ['BE', 'Asia/Jakarta', 'Bengkulu'],
    ['LA', 'Asia/Jakarta', 'Lampung'],
    ['BB', 'Asia/Jakarta', 'Bangka Belitung|Bangka Belitung Islands|Kepulauan Bangka Belitung'],
    ['KB', 'Asia/Pontianak', 'West Kalimantan|Kalimantan Barat'],
    ['KT', 'Asia/Pontianak', 'Central Kalimantan|Kalimantan Tengah'],
    ['KS', 'Asia/Makassar', 'South Kalimantan|Kalimantan Selatan'],
    ['KI', 'Asia/Makassar', 'East Kalimantan|Kalimantan Timur'],
    ['KU', 'Asia/Makassar', 'North Kalimantan|Kalimantan Utara'],
    ['BA', 'Asia/Makassar', 'Bali'],
    ['NB', 'Asia/Makassar', 'West Nusa Tenggara|Nusa Tenggara Barat|NTB'],
    ['NT', 'Asia/Makassar', 'East Nusa Tenggara|Nusa Tenggara Timur|NTT'],
    ['SN', 'Asia/Makassar', 'South Sulawesi|Sulawesi Selatan'],
    ['SA', 'Asia/Makassar', 'North Sulawesi|Sulawesi Utara'],
    ['ST', 'Asia/Makassar', 'Central Sulawesi|Sulawesi Tengah'],
    ['SG', 'Asia/Makassar', 'Southeast Sulawesi|Sulawesi Tenggara'],
    ['SR', 'Asia/Makassar', 'West Sulawesi|Sulawesi Barat'],
    ['GO', 'Asia/Makassar', 'Gorontalo'],
    ['MA', 'Asia/Jayapura', 'Maluku|Moluccas'],
    ['MU', 'Asia/Jayapura', 'North Maluku|Maluku Utara'],
    ['PA', 'Asia/Jayapura', 'Papua'],
    ['PB', 'Asia/Jayapura', 'West Papua|Papua Barat'],
    ['PT', 'Asia/Jayapura', 'Central Papua|Papua Tengah'],
    ['PE', 'Asia/Jayapura', 'Highland Papua|Papua Pegunungan'],
    ['PS', 'Asia/Jayapura', 'South Papua|Papua Selatan'],
    ['PD', 'Asia/Jayapura', 'Southwest Papua|Papua Barat Daya'],
  ],
  KZ: [
    ['AKT', 'Asia/Aqtobe', 'Aktobe Region|Aqtobe Region'],
    ['ATY', 'Asia/Atyrau', 'Atyrau Region'],
    ['MAN', 'Asia/Aqtau', 'Mangystau|Mangystau Region|Mangghystau'],
    ['ZAP', 'Asia/Oral', 'West Kazakhstan|West Kazakhstan Region'],
    ['KUS', 'Asia/Qostanay', 'Kostanay Region|Qostanay Region'],
    ['KZY', 'Asia/Qyzylorda', 'Kyzylorda Region|Qyzylorda Region'],
  ],
  CL: [
    ['EI', 'Pacific/Easter', 'Easter Island|Isla de Pascua|Rapa Nui'],
    ['MA', 'America/Punta_Arenas', 'Magallanes|Magallanes y de la Antártica Chilena|Magallanes Region|Región de Magallanes'],
  ],
  NZ: [['CIT', 'Pacific/Chatham', 'Chatham Islands|Chatham Island|Chatham Islands Territory']],
  ES: [['CN', 'Atlantic/Canary', 'Canary Islands|Canarias|Islas Canarias|Las Palmas|Santa Cruz de Tenerife']],
  PT: [
    ['20', 'Atlantic/Azores', 'Azores|Açores|Região Autónoma dos Açores'],
    ['30', 'Atlantic/Madeira', 'Madeira|Região Autónoma da Madeira'],
  ],
  EC: [['W', 'Pacific/Galapagos', 'Galápagos|Galapagos Islands|Islas Galápagos']],
  CD: [
    [
      'EAST',
      'Africa/Lubumbashi',
      'Haut-Katanga|Katanga|Lualaba|Haut-Lomami|Tanganyika|Kasaï|Kasaï-Oriental|Kasaï-Central|Lomami|Sankuru|' +
        'Maniema|Nord-Kivu|North Kivu|Sud-Kivu|South Kivu|Tshopo|Ituri|Haut-Uele|Bas-Uele',
    ],
  ],
  MN: [['W', 'Asia/Hovd', 'Khovd|Hovd|Bayan-Ölgii|Uvs|Govi-Altai|Zavkhan']],
  MY: [['EAST', 'Asia/Kuching', 'Sabah|Sarawak|Labuan']],
};

const CITIES: readonly CityRow[] = [
  // United States (state codes as in REGIONS.US)
  ['US', 'NY', 'America/New_York', 'New York|New York City|NYC|Manhattan|Brooklyn|Queens|Bronx|Staten Island'],
  ['US', 'CA', 'America/Los_Angeles', 'Los Angeles'],
  ['US', 'CA', 'America/Los_Angeles', 'San Francisco'],
  ['US', 'CA', 'America/Los_Angeles', 'San Jose'],
  ['US', 'CA', 'America/Los_Angeles', 'San Diego'],
  ['US', 'CA', 'America/Los_Angeles', 'Sacramento'],
  ['US', 'CA', 'America/Los_Angeles', 'Oakland'],
  ['US', 'CA', 'America/Los_Angeles', 'Palo Alto|Menlo Park|Mountain View|Sunnyvale|Cupertino|Santa Clara|Redwood City'],
  ['US', 'CA', 'America/Los_Angeles', 'Irvine|Santa Monica'],
  ['US', 'IL', 'America/Chicago', 'Chicago'],
  ['US', 'TX', 'America/Chicago', 'Houston'],
  ['US', 'TX', 'America/Chicago', 'Dallas|Fort Worth|Plano'],
  ['US', 'TX', 'America/Chicago', 'Austin'],
  ['US', 'TX', 'America/Chicago', 'San Antonio'],
  ['US', 'TX', 'America/Denver', 'El Paso'],
  ['US', 'AZ', 'America/Phoenix', 'Phoenix|Scottsdale|Tempe|Mesa|Chandler'],
  ['US', 'AZ', 'America/Phoenix', 'Tucson'],
  ['US', 'WA', 'America/Los_Angeles', 'Seattle|Redmond|Tacoma|Spokane'],
  ['US', 'CO', 'America/Denver', 'Denver|Boulder|Colorado Springs'],
  ['US', 'MA', 'America/New_York', 'Boston'],
  ['US', 'MA', 'America/New_York', 'Cambridge'],
  ['US', 'GA', 'America/New_York', 'Atlanta'],
  ['US', 'FL', 'America/New_York', 'Miami|Fort Lauderdale'],
  ['US', 'FL', 'America/New_York', 'Orlando'],
  ['US', 'FL', 'America/New_York', 'Tampa'],
  ['US', 'FL', 'America/New_York', 'Jacksonville'],
  ['US', 'FL', 'America/Chicago', 'Pensacola'],
  ['US', 'MI', 'America/Detroit', 'Detroit|Ann Arbor|Grand Rapids'],
  ['US', 'MN', 'America/Chicago', 'Minneapolis|Saint Paul'],
  ['US', 'MO', 'America/Chicago', 'Saint Louis'],
  ['US', 'MO', 'America/Chicago', 'Kansas City'],
  ['US', 'KS', 'America/Chicago', 'Kansas City'],
  ['US', 'NV', 'America/Los_Angeles', 'Las Vegas|Reno'],
  ['US', 'UT', 'America/Denver', 'Salt Lake City'],
  ['US', 'OR', 'America/Los_Angeles', 'Portland'],
  ['US', 'ME', 'America/New_York', 'Portland'],
  ['US', 'IL', 'America/Chicago', 'Springfield'],
  ['US', 'MO', 'America/Chicago', 'Springfield'],
  ['US', 'MA', 'America/New_York', 'Springfield'],
  ['US', 'WA', 'America/Los_Angeles', 'Vancouver'],
  ['US', 'TN', 'America/Chicago', 'Nashville|Memphis'],
  ['US', 'TN', 'America/New_York', 'Knoxville|Chattanooga'],
  ['US', 'NC', 'America/New_York', 'Charlotte|Raleigh'],
  ['US', 'IN', 'America/Indiana/Indianapolis', 'Indianapolis'],
  ['US', 'IN', 'America/Chicago', 'Gary|Hammond|Evansville'],
  ['US', 'OH', 'America/New_York', 'Columbus|Cleveland|Cincinnati'],
  ['US', 'PA', 'America/New_York', 'Philadelphia|Pittsburgh'],
  ['US', 'MD', 'America/New_York', 'Baltimore'],
  ['US', 'DC', 'America/New_York', 'Washington|Washington DC|Washington, D.C.'],
  ['US', 'HI', 'Pacific/Honolulu', 'Honolulu'],
  ['US', 'AK', 'America/Anchorage', 'Anchorage|Fairbanks'],
  ['US', 'AK', 'America/Juneau', 'Juneau'],
  ['US', 'ID', 'America/Boise', 'Boise'],
  ['US', 'ID', 'America/Los_Angeles', "Coeur d'Alene"],
  ['US', 'SD', 'America/Denver', 'Rapid City'],
  ['US', 'NM', 'America/Denver', 'Albuquerque'],
  ['US', 'WI', 'America/Chicago', 'Milwaukee'],
  ['US', 'LA', 'America/Chicago', 'New Orleans'],
  ['US', 'KY', 'America/Kentucky/Louisville', 'Louisville'],
  ['US', 'OK', 'America/Chicago', 'Oklahoma City|Tulsa'],
  ['US', 'NE', 'America/Chicago', 'Omaha'],
  ['US', 'NJ', 'America/New_York', 'Newark|Jersey City|Princeton'],
  ['US', 'CT', 'America/New_York', 'Hartford|Stamford'],
  ['US', 'FL', 'America/New_York', 'Saint Petersburg', 'minor'],
  ['US', 'FL', 'America/Chicago', 'Panama City', 'minor'],
  ['US', 'FL', 'America/New_York', 'Melbourne', 'minor'],
  ['US', 'AL', 'America/Chicago', 'Birmingham'],
  ['US', 'GA', 'America/New_York', 'Athens', 'minor'],
  ['US', 'VA', 'America/New_York', 'Alexandria', 'minor'],
  ['US', 'NH', 'America/New_York', 'Manchester', 'minor'],
  ['US', 'VA', 'America/New_York', 'Vienna', 'minor'],
  ['US', 'CA', 'America/Los_Angeles', 'Dublin', 'minor'],
  ['US', 'OH', 'America/New_York', 'Dublin', 'minor'],
  ['US', 'FL', 'America/New_York', 'Naples', 'minor'],
  // Canada
  ['CA', 'ON', 'America/Toronto', 'Toronto|Mississauga|Ottawa'],
  ['CA', 'ON', 'America/Toronto', 'London', 'minor'],
  ['CA', 'ON', 'America/Toronto', 'Kingston', 'minor'],
  ['CA', 'QC', 'America/Toronto', 'Montreal|Quebec City|Québec'],
  ['CA', 'BC', 'America/Vancouver', 'Vancouver|Burnaby'],
  ['CA', 'BC', 'America/Vancouver', 'Victoria'],
  ['CA', 'AB', 'America/Edmonton', 'Calgary|Edmonton'],
  ['CA', 'MB', 'America/Winnipeg', 'Winnipeg'],
  ['CA', 'SK', 'America/Regina', 'Regina|Saskatoon'],
  ['CA', 'NS', 'America/Halifax', 'Halifax'],
  ['CA', 'NS', 'America/Halifax', 'Sydney', 'minor'],
  ['CA', 'NL', 'America/St_Johns', "Saint John's"],
  ['CA', 'YT', 'America/Whitehorse', 'Whitehorse'],
  ['CA', 'NT', 'America/Edmonton', 'Yellowknife'],
  // Mexico
  ['MX', 'CMX', 'America/Mexico_City', 'Mexico City|Ciudad de México|CDMX'],
  ['MX', 'JAL', 'America/Mexico_City', 'Guadalajara'],
  ['MX', 'NLE', 'America/Monterrey', 'Monterrey'],
  ['MX', 'ROO', 'America/Cancun', 'Cancún|Playa del Carmen|Tulum'],
  ['MX', 'BCN', 'America/Tijuana', 'Tijuana|Mexicali|Ensenada'],
  ['MX', 'SON', 'America/Hermosillo', 'Hermosillo'],
  ['MX', 'PUE', 'America/Mexico_City', 'Puebla'],
  ['MX', 'QUE', 'America/Mexico_City', 'Querétaro|Santiago de Querétaro'],
  ['MX', 'YUC', 'America/Merida', 'Mérida'],
  ['MX', 'CHH', 'America/Chihuahua', 'Chihuahua'],
  ['MX', 'CHH', 'America/Ciudad_Juarez', 'Ciudad Juárez|Juárez'],
  ['MX', 'SIN', 'America/Mazatlan', 'Mazatlán|Culiacán'],
  ['MX', 'BCS', 'America/Mazatlan', 'La Paz', 'minor'],
  // Central and South America, the Caribbean
  ['BR', 'SP', 'America/Sao_Paulo', 'São Paulo|Sampa|Campinas'],
  ['BR', 'RJ', 'America/Sao_Paulo', 'Rio de Janeiro|Rio'],
  ['BR', 'DF', 'America/Sao_Paulo', 'Brasília'],
  ['BR', 'MG', 'America/Sao_Paulo', 'Belo Horizonte'],
  ['BR', 'RS', 'America/Sao_Paulo', 'Porto Alegre'],
  ['BR', 'PR', 'America/Sao_Paulo', 'Curitiba'],
  ['BR', 'SC', 'America/Sao_Paulo', 'Florianópolis'],
  ['BR', 'GO', 'America/Sao_Paulo', 'Goiânia'],
  ['BR', 'PE', 'America/Recife', 'Recife'],
  ['BR', 'CE', 'America/Fortaleza', 'Fortaleza'],
  ['BR', 'BA', 'America/Bahia', 'Salvador'],
  ['BR', 'AM', 'America/Manaus', 'Manaus'],
  ['BR', 'PA', 'America/Belem', 'Belém'],
  ['AR', '', 'America/Argentina/Buenos_Aires', 'Buenos Aires|Rosario|Mendoza|CABA'],
  ['AR', '', 'America/Argentina/Buenos_Aires', 'Córdoba'],
  ['AR', '', 'America/Argentina/Buenos_Aires', 'San Juan', 'minor'],
  ['CL', '', 'America/Santiago', 'Santiago|Santiago de Chile|Valparaíso|Viña del Mar'],
  ['CL', 'MA', 'America/Punta_Arenas', 'Punta Arenas'],
  ['CL', 'EI', 'Pacific/Easter', 'Hanga Roa'],
  ['CO', '', 'America/Bogota', 'Bogotá|Medellín|Cali|Barranquilla'],
  ['PE', '', 'America/Lima', 'Lima'],
  ['EC', '', 'America/Guayaquil', 'Quito|Guayaquil'],
  ['VE', '', 'America/Caracas', 'Caracas'],
  ['VE', '', 'America/Caracas', 'Valencia'],
  ['VE', '', 'America/Caracas', 'Mérida', 'minor'],
  ['UY', '', 'America/Montevideo', 'Montevideo'],
  ['PY', '', 'America/Asuncion', 'Asunción'],
  ['BO', '', 'America/La_Paz', 'La Paz|Santa Cruz de la Sierra'],
  ['PA', '', 'America/Panama', 'Panama City|Ciudad de Panamá'],
  ['CR', '', 'America/Costa_Rica', 'San José|San Jose'],
  ['GT', '', 'America/Guatemala', 'Guatemala City|Ciudad de Guatemala'],
  ['SV', '', 'America/El_Salvador', 'San Salvador'],
  ['HN', '', 'America/Tegucigalpa', 'Tegucigalpa|San Pedro Sula'],
  ['NI', '', 'America/Managua', 'Managua'],
  ['CU', '', 'America/Havana', 'Havana|La Habana'],
  ['DO', '', 'America/Santo_Domingo', 'Santo Domingo'],
  ['JM', '', 'America/Jamaica', 'Kingston|Montego Bay'],
  ['PR', '', 'America/Puerto_Rico', 'San Juan'],
  ['TT', '', 'America/Port_of_Spain', 'Port of Spain'],
  ['BS', '', 'America/Nassau', 'Nassau'],
  ['BB', '', 'America/Barbados', 'Bridgetown'],
  ['AG', '', 'America/Antigua', "Saint John's"],
  // Europe
  ['GB', '', 'Europe/London', 'London'],
  ['GB', '', 'Europe/London', 'Manchester'],
  ['GB', '', 'Europe/London', 'Birmingham'],
  ['GB', '', 'Europe/London', 'Cambridge'],
  ['GB', '', 'Europe/London', 'Newcastle|Newcastle upon Tyne'],
  ['GB', '', 'Europe/London', 'Perth'],
  ['GB', '', 'Europe/London', 'Halifax', 'minor'],
  ['GB', '', 'Europe/London', 'Edinburgh|Glasgow|Aberdeen|Leeds|Liverpool|Bristol|Oxford|Belfast|Cardiff|Sheffield|Nottingham'],
  ['IE', '', 'Europe/Dublin', 'Dublin|Cork|Galway|Limerick'],
  ['FR', '', 'Europe/Paris', 'Paris|Lyon|Marseille|Toulouse|Nice|Bordeaux|Lille|Nantes|Strasbourg'],
  ['DE', '', 'Europe/Berlin', 'Berlin|Munich|München|Hamburg|Frankfurt|Frankfurt am Main|Cologne|Köln|Stuttgart|Düsseldorf|Leipzig|Dresden|Hanover|Hannover|Nuremberg|Nürnberg|Bonn'],
  ['NL', '', 'Europe/Amsterdam', 'Amsterdam|Rotterdam|The Hague|Den Haag|Utrecht|Eindhoven'],
  ['BE', '', 'Europe/Brussels', 'Brussels|Bruxelles|Brussel|Antwerp|Antwerpen|Ghent|Gent'],
  ['LU', '', 'Europe/Luxembourg', 'Luxembourg|Luxembourg City'],
  ['CH', '', 'Europe/Zurich', 'Zurich|Zürich|Geneva|Genève|Genf|Basel|Bern|Berne|Lausanne|Lugano|Zug'],
  ['AT', '', 'Europe/Vienna', 'Vienna|Wien|Graz|Salzburg|Linz|Innsbruck'],
  ['ES', '', 'Europe/Madrid', 'Madrid|Barcelona|Seville|Sevilla|Málaga|Bilbao|Zaragoza|Alicante|Palma|Palma de Mallorca'],
  ['ES', '', 'Europe/Madrid', 'Valencia'],
  ['ES', '', 'Europe/Madrid', 'Córdoba'],
  ['ES', '', 'Europe/Madrid', 'Guadalajara', 'minor'],
  ['ES', '', 'Europe/Madrid', 'Mérida', 'minor'],
  ['ES', 'CN', 'Atlantic/Canary', 'Las Palmas|Las Palmas de Gran Canaria|Santa Cruz de Tenerife'],
  ['PT', '', 'Europe/Lisbon', 'Lisbon|Lisboa|Porto|Oporto|Braga|Faro'],
  ['PT', '30', 'Atlantic/Madeira', 'Funchal'],
  ['PT', '20', 'Atlantic/Azores', 'Ponta Delgada'],
  ['IT', '', 'Europe/Rome', 'Rome|Roma|Milan|Milano|Turin|Torino|Naples|Napoli|Florence|Firenze|Bologna|Genoa|Genova|Venice|Venezia'],
  ['SE', '', 'Europe/Stockholm', 'Stockholm|Gothenburg|Göteborg|Malmö|Uppsala'],
  ['DK', '', 'Europe/Copenhagen', 'Copenhagen|København|Aarhus'],
  ['NO', '', 'Europe/Oslo', 'Oslo|Bergen|Trondheim|Stavanger'],
  ['FI', '', 'Europe/Helsinki', 'Helsinki|Espoo|Tampere'],
  ['IS', '', 'Atlantic/Reykjavik', 'Reykjavík'],
  ['PL', '', 'Europe/Warsaw', 'Warsaw|Warszawa|Kraków|Cracow|Wrocław|Gdańsk|Poznań|Łódź'],
  ['CZ', '', 'Europe/Prague', 'Prague|Praha|Brno'],
  ['SK', '', 'Europe/Bratislava', 'Bratislava'],
  ['HU', '', 'Europe/Budapest', 'Budapest'],
  ['RO', '', 'Europe/Bucharest', 'Bucharest|București|Cluj-Napoca|Cluj|Iași|Timișoara'],
  ['BG', '', 'Europe/Sofia', 'Sofia|София|Plovdiv|Varna'],
  ['GR', '', 'Europe/Athens', 'Athens|Athina|Αθήνα|Thessaloniki'],
  ['TR', '', 'Europe/Istanbul', 'Istanbul|İstanbul|Ankara|Izmir|İzmir|Bursa|Antalya'],
  ['UA', '', 'Europe/Kyiv', 'Kyiv|Kiev|Київ|Lviv|Kharkiv|Odesa|Odessa|Dnipro'],
  ['BY', '', 'Europe/Minsk', 'Minsk'],
  ['LT', '', 'Europe/Vilnius', 'Vilnius|Kaunas'],
  ['LV', '', 'Europe/Riga', 'Riga'],
  ['EE', '', 'Europe/Tallinn', 'Tallinn|Tartu'],
  ['RS', '', 'Europe/Belgrade', 'Belgrade|Beograd|Novi Sad'],
  ['HR', '', 'Europe/Zagreb', 'Zagreb|Split'],
  ['SI', '', 'Europe/Ljubljana', 'Ljubljana'],
  ['MT', '', 'Europe/Malta', 'Valletta|Sliema'],
  ['CY', '', 'Asia/Nicosia', 'Nicosia|Limassol|Larnaca'],
  // Russia
  ['RU', 'MOW', 'Europe/Moscow', 'Moscow|Moskva|Москва'],
  ['RU', 'SPE', 'Europe/Moscow', 'Saint Petersburg|Sankt-Peterburg|Санкт-Петербург'],
  ['RU', '', 'Europe/Moscow', 'Kazan|Nizhny Novgorod|Rostov-on-Don|Rostov-na-Donu|Krasnodar|Sochi|Voronezh'],
  ['RU', 'KGD', 'Europe/Kaliningrad', 'Kaliningrad'],
  ['RU', '', 'Europe/Samara', 'Samara|Izhevsk|Tolyatti'],
  ['RU', '', 'Europe/Volgograd', 'Volgograd'],
  ['RU', '', 'Asia/Yekaterinburg', 'Yekaterinburg|Ekaterinburg|Chelyabinsk|Perm|Ufa|Tyumen'],
  ['RU', '', 'Asia/Omsk', 'Omsk'],
  ['RU', '', 'Asia/Novosibirsk', 'Novosibirsk'],
  ['RU', '', 'Asia/Tomsk', 'Tomsk'],
  ['RU', '', 'Asia/Novokuznetsk', 'Kemerovo|Novokuznetsk'],
  ['RU', '', 'Asia/Barnaul', 'Barnaul'],
  ['RU', '', 'Asia/Krasnoyarsk', 'Krasnoyarsk'],
  ['RU', '', 'Asia/Irkutsk', 'Irkutsk'],
  ['RU', '', 'Asia/Yakutsk', 'Yakutsk'],
  ['RU', '', 'Asia/Vladivostok', 'Vladivostok|Khabarovsk'],
  ['RU', '', 'Asia/Sakhalin', 'Yuzhno-Sakhalinsk'],
  ['RU', '', 'Asia/Magadan', 'Magadan'],
  ['RU', '', 'Asia/Kamchatka', 'Petropavlovsk-Kamchatsky'],
  // Middle East, Africa
  ['AE', '', 'Asia/Dubai', 'Dubai|Abu Dhabi|Sharjah|Ajman'],
  ['SA', '', 'Asia/Riyadh', 'Riyadh|Jeddah|Dammam|Mecca|Khobar|Al Khobar'],
  ['QA', '', 'Asia/Qatar', 'Doha'],
  ['KW', '', 'Asia/Kuwait', 'Kuwait City'],
  ['BH', '', 'Asia/Bahrain', 'Manama'],
  ['OM', '', 'Asia/Muscat', 'Muscat'],
  ['IL', '', 'Asia/Jerusalem', 'Tel Aviv|Tel Aviv-Yafo|Jerusalem|Haifa|Herzliya'],
  ['JO', '', 'Asia/Amman', 'Amman'],
  ['LB', '', 'Asia/Beirut', 'Beirut'],
  ['IQ', '', 'Asia/Baghdad', 'Baghdad|Erbil'],
  ['IR', '', 'Asia/Tehran', 'Tehran'],
  ['EG', '', 'Africa/Cairo', 'Cairo|Giza'],
  ['EG', '', 'Africa/Cairo', 'Alexandria'],
  ['NG', '', 'Africa/Lagos', 'Lagos|Abuja'],
  ['GH', '', 'Africa/Accra', 'Accra'],
  ['KE', '', 'Africa/Nairobi', 'Nairobi|Mombasa'],
  ['ZA', '', 'Africa/Johannesburg', 'Johannesburg|Joburg|Cape Town|Durban|Pretoria|Sandton'],
  ['MA', '', 'Africa/Casablanca', 'Casablanca|Rabat|Marrakech|Marrakesh|Tangier'],
  ['TN', '', 'Africa/Tunis', 'Tunis'],
  ['DZ', '', 'Africa/Algiers', 'Algiers'],
  ['ET', '', 'Africa/Addis_Ababa', 'Addis Ababa'],
  ['TZ', '', 'Africa/Dar_es_Salaam', 'Dar es Salaam'],
  ['UG', '', 'Africa/Kampala', 'Kampala'],
  ['RW', '', 'Africa/Kigali', 'Kigali'],
  ['SN', '', 'Africa/Dakar', 'Dakar'],
  ['CI', '', 'Africa/Abidjan', 'Abidjan'],
  ['CM', '', 'Africa/Douala', 'Douala|Yaoundé'],
  ['ZM', '', 'Africa/Lusaka', 'Lusaka'],
  ['ZW', '', 'Africa/Harare', 'Harare'],
  ['AO', '', 'Africa/Luanda', 'Luanda'],
  ['MZ', '', 'Africa/Maputo', 'Maputo'],
  ['MU', '', 'Indian/Mauritius', 'Port Louis'],
  ['CD', '', 'Africa/Kinshasa', 'Kinshasa'],
  ['CD', 'EAST', 'Africa/Lubumbashi', 'Lubumbashi|Goma'],
  ['SC', '', 'Indian/Mahe', 'Victoria'],
  // Asia
  ['IN', '', 'Asia/Kolkata', 'Mumbai|Bombay|Navi Mumbai|Thane'],
  ['IN', '', 'Asia/Kolkata', 'Delhi|New Delhi|Gurgaon|Gurugram|Noida'],
  ['IN', '', 'Asia/Kolkata', 'Bengaluru|Bangalore'],
  ['IN', '', 'Asia/Kolkata', 'Hyderabad|Secunderabad'],
  ['IN', '', 'Asia/Kolkata', 'Chennai|Madras|Kolkata|Calcutta|Pune|Ahmedabad|Jaipur|Kochi|Cochin|Chandigarh|Coimbatore|Indore|Lucknow'],
  ['PK', '', 'Asia/Karachi', 'Karachi|Lahore|Islamabad|Rawalpindi'],
  ['PK', '', 'Asia/Karachi', 'Hyderabad', 'minor'],
  ['BD', '', 'Asia/Dhaka', 'Dhaka|Chittagong'],
  ['LK', '', 'Asia/Colombo', 'Colombo'],
  ['NP', '', 'Asia/Kathmandu', 'Kathmandu'],
  ['CN', '', 'Asia/Shanghai', 'Beijing|Peking|北京|Shanghai|上海|Shenzhen|深圳|Guangzhou|广州|Hangzhou|Chengdu|Wuhan|Nanjing|Suzhou|Tianjin|Chongqing|Xiamen'],
  ['HK', '', 'Asia/Hong_Kong', 'Hong Kong|Kowloon'],
  ['MO', '', 'Asia/Macau', 'Macau|Macao'],
  ['TW', '', 'Asia/Taipei', 'Taipei|台北|Kaohsiung|Hsinchu|Taichung'],
  ['JP', '', 'Asia/Tokyo', 'Tokyo|東京|Osaka|大阪|Kyoto|Yokohama|Nagoya|Fukuoka|Sapporo|Kobe'],
  ['KR', '', 'Asia/Seoul', 'Seoul|서울|Busan|Incheon|Seongnam|Pangyo'],
  ['SG', '', 'Asia/Singapore', 'Singapore'],
  ['MY', '', 'Asia/Kuala_Lumpur', 'Kuala Lumpur|KL|Petaling Jaya|Cyberjaya|Penang|Johor Bahru'],
  ['MY', 'EAST', 'Asia/Kuching', 'Kuching|Kota Kinabalu'],
  ['TH', '', 'Asia/Bangkok', 'Bangkok|Chiang Mai|Phuket'],
  ['VN', '', 'Asia/Ho_Chi_Minh', 'Ho Chi Minh City|Saigon|HCMC|Hanoi|Ha Noi|Da Nang'],
  ['PH', '', 'Asia/Manila', 'Manila|Makati|Taguig|Quezon City|Pasig|Cebu|Cebu City|Davao'],
  ['ID', 'JK', 'Asia/Jakarta', 'Jakarta'],
  ['ID', '', 'Asia/Jakarta', 'Surabaya|Bandung|Medan|Semarang|Yogyakarta|Batam|Palembang|Tangerang|Bekasi'],
  ['ID', '', 'Asia/Pontianak', 'Pontianak'],
  ['ID', '', 'Asia/Makassar', 'Denpasar|Bali|Makassar|Balikpapan|Manado'],
  ['ID', '', 'Asia/Jayapura', 'Jayapura|Ambon'],
  ['KH', '', 'Asia/Phnom_Penh', 'Phnom Penh'],
  ['MM', '', 'Asia/Yangon', 'Yangon|Rangoon'],
  ['MN', '', 'Asia/Ulaanbaatar', 'Ulaanbaatar|Ulan Bator'],
  ['KZ', '', 'Asia/Almaty', 'Almaty|Alma-Ata|Astana|Nur-Sultan|Shymkent|Karaganda'],
  ['KZ', '', 'Asia/Aqtobe', 'Aktobe|Aqtobe'],
  ['KZ', '', 'Asia/Atyrau', 'Atyrau'],
  ['KZ', '', 'Asia/Aqtau', 'Aktau|Aqtau'],
  ['KZ', '', 'Asia/Oral', 'Oral|Uralsk'],
  ['KZ', '', 'Asia/Qostanay', 'Kostanay|Qostanay'],
  ['KZ', '', 'Asia/Qyzylorda', 'Kyzylorda|Qyzylorda'],
  ['UZ', '', 'Asia/Tashkent', 'Tashkent'],
  ['KG', '', 'Asia/Bishkek', 'Bishkek'],
  ['AZ', '', 'Asia/Baku', 'Baku'],
  ['GE', '', 'Asia/Tbilisi', 'Tbilisi'],
  ['AM', '', 'Asia/Yerevan', 'Yerevan'],
  // Oceania
  ['AU', 'NSW', 'Australia/Sydney', 'Sydney|Parramatta'],
  ['AU', 'NSW', 'Australia/Sydney', 'Newcastle'],
  ['AU', 'NSW', 'Australia/Broken_Hill', 'Broken Hill'],
  ['AU', 'VIC', 'Australia/Melbourne', 'Melbourne|Geelong'],
  ['AU', 'QLD', 'Australia/Brisbane', 'Brisbane|Gold Coast|Cairns|Townsville'],
  ['AU', 'WA', 'Australia/Perth', 'Perth'],
  ['AU', 'SA', 'Australia/Adelaide', 'Adelaide'],
  ['AU', 'ACT', 'Australia/Sydney', 'Canberra'],
  ['AU', 'TAS', 'Australia/Hobart', 'Hobart|Launceston'],
  ['AU', 'NT', 'Australia/Darwin', 'Darwin|Alice Springs'],
  ['AU', 'LHI', 'Australia/Lord_Howe', 'Lord Howe Island'],
  ['NZ', '', 'Pacific/Auckland', 'Auckland|Wellington|Christchurch|Queenstown'],
  ['FJ', '', 'Pacific/Fiji', 'Suva'],
  ['PG', '', 'Pacific/Port_Moresby', 'Port Moresby'],
];

/** What reps type when they know nothing: read as an empty field, not as Namibia ("NA"). */
const PLACEHOLDERS = new Set(['na', 'none', 'null', 'nil', 'unknown', 'undefined', 'tbd', 'tba', 'other', 'notapplicable', 'nan']);

/** Expanded only inside longer names, so "MT" stays Montana and "ST" stays a code. */
const ABBREVIATIONS: Readonly<Record<string, string>> = { st: 'saint', ste: 'sainte', mt: 'mount', ft: 'fort' };

/**
 * A place name reduced to its letters and digits, lower-case, without accents: "U.S.A." → "usa",
 * "São Paulo" → "saopaulo", "St. John's" → "saintjohns", "The Netherlands" → "netherlands".
 */
export function normalizePlace(text: string): string {
  const words = text
    .normalize('NFKD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/&/g, ' and ')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((word) => word !== '');
  if (words.length > 1 && words[0] === 'the') words.shift();
  if (words.length > 1) return words.map((word) => ABBREVIATIONS[word] ?? word).join('');
  return words.join('');
}

interface CountryInfo {
  iso2: string;
  zone: string | null;
}
interface RegionInfo {
  country: string;
  code: string;
  zone: string;
}
interface CityInfo {
  country: string;
  state: string | undefined;
  zone: string;
  minor: boolean;
}
interface Indexes {
  countries: Map<string, CountryInfo>;
  regions: Map<string, RegionInfo[]>;
  cities: Map<string, CityInfo[]>;
}

let built: Indexes | undefined;

function indexes(): Indexes {
  if (built) return built;
  const countries = new Map<string, CountryInfo>();
  for (const [iso2, iso3, zone, names] of COUNTRIES) {
    const info = { iso2, zone };
    for (const name of [iso2, iso3, ...names.split('|')]) {
      const key = normalizePlace(name);
      if (key !== '' && !countries.has(key)) countries.set(key, info);
    }
  }
  const regions = new Map<string, RegionInfo[]>();
  for (const [country, rows] of Object.entries(REGIONS)) {
    for (const [code, zone, names] of rows) {
      for (const name of new Set(names.split('|').map(normalizePlace))) {
        if (name === '') continue;
        const list = regions.get(name) ?? [];
        list.push({ country, code, zone });
        regions.set(name, list);
      }
    }
  }
  const cities = new Map<string, CityInfo[]>();
  for (const [country, state, zone, names, minor] of CITIES) {
    for (const name of new Set(names.split('|').map(normalizePlace))) {
      if (name === '') continue;
      const list = cities.get(name) ?? [];
      list.push({ country, state: state === '' ? undefined : state, zone, minor: minor === 'minor' });
      cities.set(name, list);
    }
  }
  built = { countries, regions, cities };
  return built;
}

/**
 * The keys to try for one address field, best first; undefined when the field is empty. A field
 * that can't be a place (markup, a paragraph) gives no keys: present, but matching nothing.
 */
function fieldKeys(value: unknown, kind: 'country' | 'state' | 'city'): string[] | undefined {
  if (typeof value !== 'string') return undefined;
  const text = value.trim();
  if (text === '') return undefined;
  if (text.length > 100 || /[<>{}\\]|[\u0000-\u001f]/.test(text)) return [];
  const full = normalizePlace(text);
  if (full === '' || PLACEHOLDERS.has(full)) return undefined;
  const keys = [full];
  const unbracketed = normalizePlace(text.replace(/\([^)]*\)|\[[^\]]*\]/g, ' '));
  keys.push(unbracketed);
  if (kind === 'city') keys.push(normalizePlace(text.split(',')[0] ?? ''));
  // "Sydney 2000", "NSW 2000": postcodes typed into the wrong field.
  keys.push(normalizePlace(text.replace(/\p{N}+/gu, ' ')));
  return [...new Set(keys)].filter((key) => key !== '');
}

function firstHit<T>(map: Map<string, T>, keys: readonly string[]): T | undefined {
  for (const key of keys) {
    const hit = map.get(key);
    if (hit !== undefined) return hit;
  }
  return undefined;
}

function allHits<T>(map: Map<string, T[]>, keys: readonly string[], keep: (item: T) => boolean): T[] {
  for (const key of keys) {
    const hits = (map.get(key) ?? []).filter(keep);
    if (hits.length > 0) return hits;
  }
  return [];
}

/** The one zone all of these agree on, or null when they disagree or there are none. */
function agreed(zones: readonly string[]): string | null {
  const distinct = new Set(zones);
  return distinct.size === 1 ? (zones[0] ?? null) : null;
}

const CONFLICT = Symbol('conflict');

function cityZone(
  candidates: readonly CityInfo[],
  country: CountryInfo | undefined,
  regions: readonly RegionInfo[],
): string | null | typeof CONFLICT {
  let found = country ? candidates.filter((city) => city.country === country.iso2) : [...candidates];
  const inRegion = (city: CityInfo) =>
    regions.some((region) => region.country === city.country && (city.state === undefined || region.code === city.state));
  if (regions.length > 0) {
    const fitting = found.filter(inRegion);
    // Without a country, a well-known city and a state elsewhere ("Chennai", "TN") contradict
    // each other: neither is trusted. With a country, its state decides below.
    if (fitting.length === 0 && !country && found.some((city) => !city.minor)) return CONFLICT;
    found = fitting;
  }
  // A lesser namesake ("London", Ontario) counts only when the address points at it.
  found = found.filter((city) => {
    if (!city.minor) return true;
    if (city.state === undefined) return country !== undefined;
    return regions.some((region) => region.country === city.country && region.code === city.state);
  });
  return agreed(found.map((city) => city.zone));
}

/**
 * The IANA time zone of a Zoho record's address, and which field decided it; null when the
 * address doesn't say (empty, unreadable, a country we can't read, an ambiguous city, a country
 * with several zones and no usable state or city).
 *
 * A known city wins when the country is missing or agrees; then the state or province; then the
 * country's own zone. Multi-zone countries (US, Canada, Australia, Russia, Brazil, Mexico,
 * Indonesia) give no zone on their own.
 */
export function zoneForAddress(address: AddressFields): ZoneGuess | null {
  const { countries, regions: regionIndex, cities: cityIndex } = indexes();
  const countryKeys = fieldKeys(address?.country, 'country');
  const stateKeys = fieldKeys(address?.state, 'state');
  const cityKeys = fieldKeys(address?.city, 'city');

  let country: CountryInfo | undefined;
  if (countryKeys) {
    country = firstHit(countries, countryKeys);
    // A country we can't read may be one whose cities share names with ours: no guess.
    if (!country) return null;
  }

  const regions = stateKeys
    ? allHits(regionIndex, stateKeys, (region) => !country || region.country === country.iso2)
    : [];

  const cities = cityKeys ? allHits(cityIndex, cityKeys, (city) => !country || city.country === country.iso2) : [];
  if (cities.length > 0) {
    const zone = cityZone(cities, country, regions);
    if (zone === CONFLICT) return null;
    if (zone) return { timeZone: zone, confidence: 'city' };
  }

  const regionZone = agreed(regions.map((region) => region.zone));
  if (regionZone) return { timeZone: regionZone, confidence: 'state' };

  if (country?.zone) return { timeZone: country.zone, confidence: 'country' };
  return null;
}

/**
 * A short name for a zone at a moment, for the panel: "PST", "PDT", "GMT+5:30", "MEZ" (de).
 * Falls back to the zone's ID when Intl doesn't know the zone.
 */
export function describeZone(timeZone: string, date: Date | number = Date.now(), locale?: string): string {
  const name = (forLocale: string | undefined) =>
    new Intl.DateTimeFormat(forLocale, { timeZone, timeZoneName: 'short' })
      .formatToParts(date)
      .find((part) => part.type === 'timeZoneName')?.value;
  try {
    return name(locale) ?? timeZone;
  } catch {
    try {
      return name('en') ?? timeZone;
    } catch {
      return timeZone;
    }
  }
}

/** The raw tables, for tests that check every zone and spelling in them. */
export const ZONE_TABLES = { countries: COUNTRIES, regions: REGIONS, cities: CITIES } as const;
